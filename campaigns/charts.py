"""The campaign timeline: a Gantt-like plotly figure, as JSON for static/js/app.js to draw."""

from datetime import timedelta

from django.utils.translation import gettext as _

from campaigns.models import Milestone
from socialcrm.chart_locale import date_axis, localized

DAY_MS = 24 * 60 * 60 * 1000
STATUS_COLOURS = {
    Milestone.Status.NOT_STARTED: "#98a2b3",
    Milestone.Status.IN_PROGRESS: "#2856d8",
    Milestone.Status.IN_REVIEW: "#dc6803",
    Milestone.Status.DONE: "#16794c",
    Milestone.Status.BLOCKED: "#b42318",
}


def timeline_figure(campaign, rows, today):
    """Bars from start to due (inclusive) per step, coloured by status; the first plan in outline."""
    labels = [f"{row.milestone.sequence}. {row.milestone.name}" for row in rows]
    traces = [_baseline_trace(rows, labels)]
    for status, label in Milestone.Status.choices:
        chosen = [(row, name) for row, name in zip(rows, labels, strict=True)
                  if row.milestone.status == status]
        if chosen:
            traces.append(_bar([r for r, _n in chosen], [n for _r, n in chosen], str(label),
                               {"color": STATUS_COLOURS[status]}))
    return {
        "data": traces,
        "layout": localized({
            "barmode": "overlay", "height": 120 + 34 * len(rows), "showlegend": True,
            "legend": {"orientation": "h", "y": -0.15},
            "margin": {"l": 200, "r": 20, "t": 10, "b": 40},
            "xaxis": date_axis(),
            "yaxis": {"autorange": "reversed", "categoryorder": "array", "categoryarray": labels},
            "shapes": [_vertical_line(campaign.launch_on, "#b42318"), _vertical_line(today, "#667085")],
            "annotations": [_line_label(campaign.launch_on, _("launch")), _line_label(today, _("today"))],
        }),
    }


def _bar(rows, labels, name, marker):
    return {
        "type": "bar", "orientation": "h", "name": name, "y": labels,
        "base": [row.starts_on.isoformat() for row in rows],
        "x": [((row.due_on - row.starts_on).days + 1) * DAY_MS for row in rows],
        "marker": marker, "width": 0.5,
        "customdata": [[f"{row.starts_on:%Y-%m-%d}", f"{row.due_on:%Y-%m-%d}", row.milestone.owner.get_full_name() or row.milestone.owner.username] for row in rows],
        "hovertemplate": "%{y}<br>%{customdata[0]} → %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
    }


def _baseline_trace(rows, labels):
    planned = []
    for row in rows:
        due = row.milestone.planned_due_on or row.milestone.due_on
        start = due - timedelta(days=(row.due_on - row.starts_on).days)
        planned.append(type(row)(row.milestone, start, due, row.buffer_left))
    trace = _bar(planned, labels, str(_("First plan")),
                 {"color": "rgba(0,0,0,0)", "line": {"color": "#667085", "width": 1.5}})
    trace["width"] = 0.8
    return trace


def _vertical_line(day, colour):
    return {"type": "line", "xref": "x", "yref": "paper", "x0": day.isoformat(), "x1": day.isoformat(),
            "y0": 0, "y1": 1, "line": {"color": colour, "width": 2, "dash": "dot"}}


def _line_label(day, text):
    return {"x": day.isoformat(), "y": 1.02, "xref": "x", "yref": "paper", "text": text,
            "showarrow": False, "font": {"size": 11}}
