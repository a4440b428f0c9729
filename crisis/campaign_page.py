"""The campaign page's crisis panel: its warning signals and trust-repair incidents."""

from django.utils.translation import gettext_lazy as _

from crisis import selectors
from socialcrm import visibility
from socialcrm.extensions import Panel


def panels(request, campaign):
    signals = list(selectors.signals_of_campaign(request.user, campaign)[:10])
    incidents = list(selectors.incidents_of_campaign(request.user, campaign)[:10])
    if not signals and not incidents:
        return []
    return [Panel(_("Warnings and incidents"), "crisis/_campaign_panel.html", {
        "signals": signals, "incidents": incidents,
        "can_run": visibility.can_run_incidents(request.user),
    }, order=60)]
