"""Plotly figures as plain JSON-ready dicts, drawn by static/js/app.js from `data-chart` blocks.

Built from already aggregated rows (never facts); building dicts directly instead of through
plotly.graph_objects keeps a dashboard render in the low milliseconds.
"""

from django.utils.translation import gettext as _

from reports.breakdowns import top_with_other
from socialcrm.chart_locale import date_axis, localized

LAYOUT = {
    "margin": {"l": 50, "r": 50, "t": 10, "b": 40},
    "legend": {"orientation": "h", "y": -0.2},
    "barmode": "group",
    "hovermode": "x unified",
    "yaxis": {"title": {"text": ""}, "rangemode": "tozero"},
    "yaxis2": {"overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False},
}


def trend_figure(rows, currency):
    """Spend and revenue bars over time (day, week or month buckets) with ROI (%) as a line on
    the right axis; dates as numbers, so they read the same in every language."""
    x = [row["label"].isoformat() for row in rows]
    return _figure([
        _bars(_("Spend"), x, [row["spend"] for row in rows]),
        _bars(_("Revenue"), x, [row["revenue"] for row in rows]),
        _line(_("ROI %"), x, [row["roi"] for row in rows]),
    ], currency, _("ROI %"), xaxis=date_axis(tickformat="%Y-%m-%d"))


def breakdown_figure(rows, currency):
    """Spend and revenue per key with ROAS (×) as markers on the right axis: the biggest spenders
    and one "Other" bar summing the rest (reports.breakdowns.top_with_other)."""
    rows, _grouped = top_with_other(rows)
    x = [str(row["label"]) for row in rows]
    keys = ["" if row.get("is_other") else str(row["key"]) for row in rows]  # what a click narrows to
    return _figure([
        {**_bars(_("Spend"), x, [row["spend"] for row in rows]), "customdata": keys},
        {**_bars(_("Revenue"), x, [row["revenue"] for row in rows]), "customdata": keys},
        {**_line(_("ROAS ×"), x, [row["roas"] for row in rows]), "mode": "markers"},
    ], currency, _("ROAS ×"), xaxis={"type": "category", "automargin": True})


def _figure(data, currency, right_title, **layout):
    """Money on the left axis titled with its currency, the ratio on the right, rounded ticks
    grouped as the reader's locale groups numbers."""
    axes = {
        "yaxis": {**LAYOUT["yaxis"], "title": {"text": currency}, "tickformat": ",~r"},
        "yaxis2": {**LAYOUT["yaxis2"], "title": {"text": right_title}, "tickformat": ",.3~r"},
    }
    return {"data": data, "layout": localized({**LAYOUT, **axes, **layout})}


def _bars(name, x, y):
    return {"type": "bar", "name": name, "x": x, "y": [_number(value) for value in y]}


def _line(name, x, y):
    return {"type": "scatter", "mode": "lines+markers", "name": name, "x": x,
            "y": [_number(value) for value in y], "yaxis": "y2"}


def _number(value):
    return None if value is None else round(float(value), 4)
