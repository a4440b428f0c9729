"""The numbers behind every dashboard chart as plain tables: shown under each chart and downloaded
as CSV or XLSX (through socialcrm.exports, which guards against formula injection)."""

from django.utils.translation import gettext as _

COLUMNS = ("impressions", "clicks", "conversions", "spend", "revenue", "ctr", "cpc", "cpa", "roi", "roas")
TABLES = ("trend", "by_platform", "by_advertiser", "by_publisher", "campaigns")


def column_labels():
    return {
        "impressions": _("Impressions"), "clicks": _("Clicks"), "conversions": _("Conversions"),
        "spend": _("Spend"), "revenue": _("Revenue"), "ctr": _("CTR %"), "cpc": _("CPC"),
        "cpa": _("CPA"), "roi": _("ROI"), "roas": _("ROAS"),
    }


def table(data, name):
    """(title, header, rows) of one dashboard table."""
    labels = column_labels()
    header_tail = [labels[column] for column in COLUMNS]
    if name == "campaigns":
        rows = data["campaigns"]["top"] + data["campaigns"]["bottom"]
        header = [_("Campaign"), _("Advertiser"), *header_tail, _("Targets met")]
        body = [[row["label"], row["advertiser"], *_values(row), f"{row['met']}/{len(row['targets'])}"]
                for row in rows]
        return _("Top and bottom campaigns"), header, body
    first = {"trend": _("Period"), "by_platform": _("Platform"), "by_advertiser": _("Advertiser"),
             "by_publisher": _("Publisher")}[name]
    titles = {"trend": _("Spend, revenue and ROI over time"), "by_platform": _("By platform"),
              "by_advertiser": _("By advertiser"), "by_publisher": _("By publisher")}
    return titles[name], [first, *header_tail], [[row["label"], *_values(row)] for row in data[name]]


def _values(row):
    return [_rounded(row[column]) for column in COLUMNS]


def _rounded(value):
    return None if value is None else round(value, 4)
