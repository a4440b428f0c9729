"""The account page's trust panel: score breakdown, 90-day trend and open incidents."""

from django.utils.translation import gettext_lazy as _

from crisis import charts, selectors
from crisis.trust import COMPONENTS
from socialcrm import visibility
from socialcrm.extensions import Panel


def panels(request, account):
    history = selectors.trust_history(account, days=90)
    latest = history[-1] if history else None
    incidents = selectors.incidents_of_account(request.user, account).open()[:10]
    return [Panel(_("Trust score"), "crisis/_account_panel.html", {
        "wide": True,
        "account": account,
        "latest": latest,
        "components": _component_rows(latest),
        "figure": charts.trust_trend(history) if len(history) > 1 else None,
        "chart_id": f"trust-trend-{account.pk}",
        "incidents": incidents,
        "can_run": visibility.can_run_incidents(request.user),
    }, order=15)]


def _component_rows(snapshot):
    if snapshot is None:
        return []
    rows = []
    for component in COMPONENTS:
        part = snapshot.components.get(component.code, {})
        rows.append({"label": component.label, "score": part.get("score"), "weight": part.get("weight"),
                     "n": part.get("n", 0)})
    return rows
