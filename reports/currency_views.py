from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from reports import currencies
from reports.currency_forms import RateForm, RateUploadForm, ReportingCurrencyForm
from reports.selectors import visible_advertiser_ids
from socialcrm.uploads import UploadError

MISSING_LOOKBACK_DAYS = 365


@require_http_methods(["GET", "POST"])
def exchange_rates(request):
    """The reporting currency, the rates entered so far, a form to add some, and what is missing."""
    currencies.require_rate_manager(request.user)
    reporting = currencies.reporting_currency()
    rate_form = RateForm(request.POST or None, reporting_currency=reporting)
    if request.method == "POST" and rate_form.is_valid():
        data = rate_form.cleaned_data
        stored = currencies.rate_over_days(actor=request.user, currency=data["currency"], first=data["first"],
                                           last=data["last"], rate=data["rate"], request=request)
        messages.success(request, ngettext(
            "%(count)s rate stored; the totals of that day are being recomputed.",
            "%(count)s rates stored; the totals of those days are being recomputed.", stored) % {"count": stored})
        return redirect("reports:exchange_rates")
    return _page(request, rate_form=rate_form)


@require_POST
def reporting_currency(request):
    currencies.require_rate_manager(request.user)
    form = ReportingCurrencyForm(request.POST)
    if form.is_valid():
        currencies.set_reporting_currency(actor=request.user, currency=form.cleaned_data["currency"],
                                          request=request)
        messages.success(request, _("Reporting currency saved; all totals are being recomputed."))
        return redirect("reports:exchange_rates")
    return _page(request, currency_form=form)


@require_POST
def import_rates(request):
    currencies.require_rate_manager(request.user)
    form = RateUploadForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        try:
            result = currencies.import_rates(actor=request.user, uploaded_file=form.cleaned_data["file"],
                                             request=request)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            if not result.errors:
                messages.success(request, ngettext("%(count)s rate imported.", "%(count)s rates imported.",
                                                   result.stored) % {"count": result.stored})
                return redirect("reports:exchange_rates")
    return _page(request, upload_form=form, upload_result=result)


def _page(request, *, rate_form=None, currency_form=None, upload_form=None, upload_result=None):
    reporting = currencies.reporting_currency()
    today = timezone.localdate()
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/exchange_rates.html", {
        "reporting": reporting,
        "currency_form": currency_form or ReportingCurrencyForm(initial={"currency": reporting}),
        "rate_form": rate_form or RateForm(reporting_currency=reporting),
        "upload_form": upload_form or RateUploadForm(),
        "upload_result": upload_result,
        "rates": currencies.rates_page_rows(),
        "missing": currencies.missing_rates(visible_advertiser_ids(request.user),
                                            [(today - timedelta(days=MISSING_LOOKBACK_DAYS), today)]),
    }, status=status)
