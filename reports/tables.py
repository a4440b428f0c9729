"""The numbers behind every dashboard chart as plain tables: shown under each chart and downloaded
as CSV or XLSX (through socialcrm.exports, which guards against formula injection). An export
holds every row of its breakdown, in the order the table on the page is sorted by."""

from django.utils.translation import gettext as _

from reports import kpis
from reports.breakdowns import BREAKDOWNS, KEY_LABELS, NUMBER_COLUMNS, TITLES

COLUMNS = NUMBER_COLUMNS
TREND_COLUMNS = tuple(column for column in COLUMNS if not column.endswith("_change"))
TABLES = ("trend", *BREAKDOWNS)
RENAMED = {"campaigns": "by_campaign"}  # the export's name when it held only the top and bottom five


def column_labels(currency):
    """Column headings; money columns name the (reporting) currency they are in."""
    return {
        "impressions": _("Impressions"), "clicks": _("Clicks"), "conversions": _("Conversions"),
        "reach": str(kpis.SUMMED_LABELS["reach"]), "engagement_rate": _("Engagement rate %"),
        "follower_growth": _("Follower growth"), "spend_change": _("Spend change %"),
        "roi_change": _("ROI change (points)"),
        "spend": _("Spend (%(currency)s)") % {"currency": currency},
        "revenue": _("Revenue (%(currency)s)") % {"currency": currency}, "ctr": _("CTR %"),
        "cpc": _("CPC (%(currency)s)") % {"currency": currency},
        "cpa": _("CPA (%(currency)s)") % {"currency": currency}, "roi": _("ROI %"), "roas": _("ROAS ×"),
    }


def table(data, name, rows=None):
    """(title, header, rows) of one dashboard table; `rows` overrides the data's order."""
    labels = column_labels(data["currency"])
    header_tail = [labels[column] for column in COLUMNS]
    rows = data[name] if rows is None else rows
    if name == "by_campaign":
        header = [_("Campaign"), _("Advertiser"), *header_tail, _("Targets met")]
        body = [[row["label"], row["advertiser"], *_values(row), f"{row['met']}/{len(row['targets'])}"]
                for row in rows]
        return str(TITLES[name]), header, body
    if name == "trend":
        return _("Spend, revenue and ROI over time"), [_("Period"), *[labels[c] for c in TREND_COLUMNS]], \
            [[row["label"], *_values(row, TREND_COLUMNS)] for row in rows]
    return str(TITLES[name]), [str(KEY_LABELS[name]), *header_tail], [[row["label"], *_values(row)] for row in rows]


def _values(row, columns=COLUMNS):
    return [_rounded(row.get(column)) for column in columns]


def _rounded(value):
    return None if value is None else round(value, 4)
