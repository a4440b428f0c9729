"""Account and executive reports, their downloads, and report schedules with their send history."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import record
from reports import schedules
from reports.account_report import (
    REPORT_PERIODS,
    ReportPeriod,
    account_report,
    executive_report,
    visible_report_accounts,
)
from reports.periods import MONTH
from reports.report_forms import ReportPeriodForm, ScheduleForm
from reports.report_tables import report_file
from socialcrm import visibility
from socialcrm.exports import refused_download

ACCOUNTS_PER_PAGE = 50
HISTORY_SHOWN = 50
EXPORT_FORMATS = ("csv", "xlsx")


def chosen_period(request):
    """The month or week asked for (any day inside it), else the last complete month."""
    form = ReportPeriodForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    kind = data.get("period") if data.get("period") in REPORT_PERIODS else MONTH
    day = data.get("day")
    if day is None:
        period = ReportPeriod.last_complete(kind, timezone.localdate())
        # A refused day stays on the form with its error; an absent one shows the default.
        shown = form if form.errors else ReportPeriodForm(initial={"period": kind, "day": period.start})
        return shown, period
    return form, ReportPeriod.containing(kind, day)


@require_GET
def report_list(request):
    user = request.user
    query = request.GET.get("q", "").strip()
    accounts = visible_report_accounts(user)
    if query:
        accounts = accounts.filter(name__icontains=query)
    page = Paginator(accounts.only("pk", "name", "side", "is_confidential"), ACCOUNTS_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "reports/report_list.html", {
        "page": page, "query": query,
        "can_read_executive_report": visibility.can_read_executive_report(user),
        "schedules": visibility.schedules_visible_to(user).order_by("-is_active", "kind", "pk"),
        "history": visibility.sent_reports_visible_to(user)[:HISTORY_SHOWN],
    })


@require_GET
def account_report_page(request, pk):
    form, period = chosen_period(request)
    report = account_report(request.user, pk, period)
    return render(request, "reports/account_report.html", {"report": report, "form": form,
                                                            "query": request.GET.urlencode()})


@require_GET
def account_report_export(request, pk, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form, period = chosen_period(request)
    if form.errors:
        return refused_download(form)
    report = account_report(request.user, pk, period)
    return _download(request, report, fmt)


@require_GET
def executive_report_page(request):
    visibility.ensure_can_read_executive_report(request.user)
    form, period = chosen_period(request)
    report = executive_report(request.user, period)
    return render(request, "reports/executive_report.html", {"report": report, "form": form,
                                                              "query": request.GET.urlencode()})


@require_GET
def executive_report_export(request, fmt):
    visibility.ensure_can_read_executive_report(request.user)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form, period = chosen_period(request)
    if form.errors:
        return refused_download(form)
    return _download(request, executive_report(request.user, period), fmt)


def _download(request, report, fmt):
    record(actor=request.user, action="reports.report_export", request=request,
           target=report.get("account"),
           changes={"kind": report["kind"], "period": report["period"].label, "format": fmt})
    _filename, response = report_file(report, fmt)
    return response


@require_http_methods(["GET", "POST"])
def schedule_create(request):
    form = ScheduleForm(request.POST or None, user=request.user,
                        initial={"account": request.GET.get("account"), "kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        schedules.create_schedule(user=request.user, request=request, **{
            key: form.cleaned_data[key] for key in ("recipient", "kind", "account", "format")})
        messages.success(request, _("Report scheduled."))
        return redirect("reports:report_list")
    return render(request, "reports/schedule_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def schedule_edit(request, pk):
    schedule = visibility.get_visible_schedule(request.user, pk)
    form = ScheduleForm(request.POST or None, instance=schedule, user=request.user)
    if request.method == "POST" and form.is_valid():
        schedule.refresh_from_db()  # the form wrote its values onto the instance; the service diffs
        schedules.update_schedule(user=request.user, schedule=schedule, request=request, **{
            key: form.cleaned_data[key] for key in ("kind", "account", "format", "is_active")})
        messages.success(request, _("Schedule saved."))
        return redirect("reports:report_list")
    return render(request, "reports/schedule_form.html", {"form": form, "schedule": schedule})


@require_POST
def schedule_deactivate(request, pk):
    schedule = visibility.get_visible_schedule(request.user, pk)
    schedules.deactivate_schedule(user=request.user, schedule=schedule, request=request)
    messages.success(request, _("Schedule deactivated; its history is kept."))
    return redirect("reports:report_list")
