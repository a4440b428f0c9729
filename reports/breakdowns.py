"""The dashboard's breakdowns as complete tables and readable charts.

A breakdown keeps every key of the period. Tables sort and page through all of them; a chart
shows the biggest `CHART_TOP` by spend and sums the rest into one "Other" bar, whose label says
how many keys it holds, so nothing drops out of view silently.
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import kpis

BREAKDOWNS = ("by_platform", "by_advertiser", "by_publisher", "by_campaign")
CHART_TOP = 10
PAGE_SIZE = 25
NUMBER_COLUMNS = ("spend", "spend_change", "revenue", "roi", "roi_change", "roas", "conversions", "cpa",
                  "impressions", "reach", "clicks", "ctr", "cpc", "engagement_rate", "follower_growth")
SORTABLE = ("label", "advertiser", *NUMBER_COLUMNS)
TITLES = {
    "by_platform": gettext_lazy("By platform"), "by_advertiser": gettext_lazy("By advertiser"),
    "by_publisher": gettext_lazy("By publisher"), "by_campaign": gettext_lazy("By campaign"),
}
KEY_LABELS = {
    "by_platform": gettext_lazy("Platform"), "by_advertiser": gettext_lazy("Advertiser"),
    "by_publisher": gettext_lazy("Publisher"), "by_campaign": gettext_lazy("Campaign"),
}
DEFAULT_SORT = {"by_campaign": ("roi", True)}
# The dashboard filter a row narrows to when clicked (drill-down).
DRILL_PARAM = {"by_platform": "platform", "by_advertiser": "advertiser", "by_publisher": "publisher",
               "by_campaign": "campaign"}


def sort_of(name, sort, direction):
    """The (column, descending) asked for, or the breakdown's default for anything unknown."""
    default_column, default_descending = DEFAULT_SORT.get(name, ("spend", True))
    if sort not in SORTABLE or (sort == "advertiser" and name != "by_campaign"):
        return default_column, default_descending
    return sort, direction != "asc"


def sorted_rows(rows, column, descending):
    """Rows ordered by one column; rows without a value (e.g. ROI without spend) always last."""
    present = [row for row in rows if row.get(column) is not None]
    missing = [row for row in rows if row.get(column) is None]
    text = column in ("label", "advertiser")
    present.sort(key=lambda row: str(row[column]).lower() if text else row[column], reverse=descending)
    return present + missing


def page_of(rows, number):
    return Paginator(rows, PAGE_SIZE).get_page(number)


def top_with_other(rows, top=CHART_TOP):
    """(chart rows, how many keys the "Other" bar groups): the biggest spenders plus one bar."""
    by_spend = sorted(rows, key=lambda row: row["spend"], reverse=True)
    shown, rest = by_spend[:top], by_spend[top:]
    if not rest:
        return shown, 0
    sums = {name: sum(row[name] for row in rest) for name in kpis.COUNTERS}
    other = {"label": _("Other (%(count)s)") % {"count": len(rest)}, "is_other": True,
             **sums, **kpis.compute_all(sums)}
    return [*shown, other], len(rest)
