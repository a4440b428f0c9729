"""Plotly figures as plain JSON for `static/js/app.js` (`{"data": [...], "layout": {...}}`)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from socialcrm.chart_locale import localized

LAYOUT = {"margin": {"l": 40, "r": 40, "t": 10, "b": 40}, "height": 300,
          "legend": {"orientation": "h", "y": -0.2}}


def trend_figure(rows):
    months = [date_format(row["month"], "Y-m") for row in rows]
    rating = [round(row["avg_rating"], 2) if row["avg_rating"] is not None else None for row in rows]
    negative = [row["negative"] for row in rows]
    return {
        "data": [
            {"type": "scatter", "mode": "lines+markers", "name": _("Average rating"), "x": months,
             "y": rating, "yaxis": "y"},
            {"type": "scatter", "mode": "lines+markers", "name": _("NPS"), "x": months,
             "y": [row["nps"] for row in rows], "yaxis": "y2"},
            {"type": "bar", "name": _("Negative"), "x": months, "y": negative, "yaxis": "y3",
             "marker": {"color": "#b42318"}, "opacity": 0.25},
        ],
        "layout": localized({
            **LAYOUT,
            "yaxis": {"title": {"text": _("Rating")}, "range": [0, 5.2]},
            "yaxis2": {"title": {"text": "NPS"}, "range": [-105, 105], "overlaying": "y", "side": "right",
                       "tickmode": "linear", "tick0": -100, "dtick": 50, "showgrid": False},
            # Negative counts stay in the lower third, behind the lines.
            "yaxis3": {"overlaying": "y", "visible": False, "range": [0, max(negative, default=0) * 3 or 1]},
        }),
    }


def sentiment_figure(rows):
    months = [date_format(row["month"], "Y-m") for row in rows]
    neutral = [row["count"] - row["positive"] - row["negative"] for row in rows]
    return {
        "data": [
            {"type": "bar", "name": _("Positive"), "x": months, "y": [row["positive"] for row in rows],
             "marker": {"color": "#16794c"}},
            {"type": "bar", "name": _("Neutral"), "x": months, "y": neutral, "marker": {"color": "#98a2b3"}},
            {"type": "bar", "name": _("Negative"), "x": months, "y": [row["negative"] for row in rows],
             "marker": {"color": "#b42318"}},
        ],
        "layout": localized({**LAYOUT, "barmode": "stack"}),
    }
