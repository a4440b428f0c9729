"""Dashboard periods people name ("last 30 days", "last quarter", "year to date") and the period
each is compared with (the one just before, the same one a year earlier, or any other)."""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from reports.periods import month_start, next_month_start

CUSTOM = "custom"
DEFAULT_PRESET = "last_90"
PRESETS = {
    "last_7": _("Last 7 days"), "last_30": _("Last 30 days"), "last_90": _("Last 90 days"),
    "this_month": _("This month"), "last_month": _("Last month"), "this_quarter": _("This quarter"),
    "last_quarter": _("Last quarter"), "ytd": _("Year to date"), CUSTOM: _("Custom dates"),
}
PREVIOUS, LAST_YEAR = "previous", "last_year"
COMPARISONS = {PREVIOUS: _("Previous period"), LAST_YEAR: _("Same period last year"),
               CUSTOM: _("Custom comparison")}


def preset_range(code, today):
    """(start, end) of a named period as of `today` (today included where the period runs on)."""
    if code.startswith("last_") and code[5:].isdigit():
        return today - timedelta(days=int(code[5:]) - 1), today
    if code == "this_month":
        return month_start(today), today
    if code == "last_month":
        end = month_start(today) - timedelta(days=1)
        return month_start(end), end
    if code == "this_quarter":
        return quarter_start(today), today
    if code == "last_quarter":
        end = quarter_start(today) - timedelta(days=1)
        return quarter_start(end), end
    if code == "ytd":
        return date(today.year, 1, 1), today
    raise ValueError(code)


def quarter_start(day):
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def previous_range(start, end):
    """The period of the same length just before [start, end]; whole months stay whole months."""
    if start.day == 1 and next_month_start(end) - timedelta(days=1) == end:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        first = start
        for _step in range(months):
            first = month_start(first - timedelta(days=1))
        return first, start - timedelta(days=1)
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def year_earlier(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
