"""Plotly figures as plain JSON-ready dicts, drawn by static/js/app.js from `data-chart` blocks.

Built from already aggregated rows (never facts); building dicts directly instead of through
plotly.graph_objects keeps a dashboard render in the low milliseconds.
"""

from django.utils.translation import gettext as _

from reports.breakdowns import top_with_other

LAYOUT = {
    "margin": {"l": 50, "r": 50, "t": 10, "b": 40},
    "legend": {"orientation": "h", "y": -0.2},
    "barmode": "group",
    "hovermode": "x unified",
    "yaxis": {"title": {"text": ""}, "rangemode": "tozero"},
    "yaxis2": {"overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False},
}


def trend_figure(rows):
    """Spend and revenue bars over time with ROI as a line on the right axis."""
    x = [row["label"].isoformat() for row in rows]
    return _figure([
        _bars(_("Spend"), x, [row["spend"] for row in rows]),
        _bars(_("Revenue"), x, [row["revenue"] for row in rows]),
        _line(_("ROI"), x, [row["roi"] for row in rows]),
    ], xaxis={"type": "date"})


def breakdown_figure(rows):
    """Spend and revenue per key with ROAS as markers on the right axis: the biggest spenders
    and one "Other" bar summing the rest (reports.breakdowns.top_with_other)."""
    rows, _grouped = top_with_other(rows)
    x = [str(row["label"]) for row in rows]
    keys = ["" if row.get("is_other") else str(row["key"]) for row in rows]  # what a click narrows to
    return _figure([
        {**_bars(_("Spend"), x, [row["spend"] for row in rows]), "customdata": keys},
        {**_bars(_("Revenue"), x, [row["revenue"] for row in rows]), "customdata": keys},
        {**_line(_("ROAS"), x, [row["roas"] for row in rows]), "mode": "markers"},
    ], xaxis={"type": "category", "automargin": True})


def _figure(data, **layout):
    return {"data": data, "layout": {**LAYOUT, **layout}}


def _bars(name, x, y):
    return {"type": "bar", "name": name, "x": x, "y": [_number(value) for value in y]}


def _line(name, x, y):
    return {"type": "scatter", "mode": "lines+markers", "name": name, "x": x,
            "y": [_number(value) for value in y], "yaxis": "y2"}


def _number(value):
    return None if value is None else round(float(value), 4)
