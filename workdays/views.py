from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from workdays import calendar, services
from workdays.forms import OverrideForm
from workdays.models import CalendarOverride


def _require_admin(user):
    if not services.can_manage_calendar(user):
        raise PermissionDenied


def _year_from(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if year in calendar.years_around(today) else today.year


@require_http_methods(["GET", "POST"])
def calendar_page(request):
    _require_admin(request.user)
    year = _year_from(request)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            override = services.add_override(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("day", error)
        else:
            messages.success(request, _("Override for %(day)s saved.") % {"day": override.day})
            return redirect(f"{reverse('workdays:calendar')}?year={override.day.year}")
    return render(request, "workdays/calendar.html", {
        "year": year,
        "years": list(calendar.years_around(timezone.localdate())),
        "library_days": calendar.year_overview(year, calendar.library_language()),
        "knows_make_up_days": calendar.library_knows_make_up_days(year),
        "overrides": CalendarOverride.objects.filter(day__year=year).select_related("created_by"),
        "form": form,
    })


@require_POST
def override_remove(request, pk):
    _require_admin(request.user)
    override = get_object_or_404(CalendarOverride, pk=pk)
    services.remove_override(actor=request.user, override=override, request=request)
    messages.success(request, _("Override for %(day)s removed.") % {"day": override.day})
    return redirect(f"{reverse('workdays:calendar')}?year={override.day.year}")
