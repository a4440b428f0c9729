"""The trust-score trend figure, as plotly JSON drawn by static/js/app.js."""

from django.utils.translation import gettext as _

from socialcrm.chart_locale import date_axis, day_format, localized


def trust_trend(snapshots):
    """A line of daily scores, 0-100, from TrustScore rows in day order."""
    return {
        "data": [{
            "type": "scatter", "mode": "lines", "name": _("Trust score"),
            "x": [snapshot.day.isoformat() for snapshot in snapshots],
            "y": [snapshot.score for snapshot in snapshots],
            "line": {"color": "#2856d8", "width": 2},
            "hovertemplate": f"%{{x|{day_format()}}}: %{{y}}<extra></extra>",
        }],
        "layout": localized({
            "height": 240, "margin": {"l": 36, "r": 12, "t": 8, "b": 32},
            "yaxis": {"range": [0, 100], "fixedrange": True},
            "xaxis": date_axis(fixedrange=True),
            "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 60, "y1": 60,
                        "line": {"color": "#b42318", "width": 1, "dash": "dot"}}],
            "showlegend": False,
        }),
    }
