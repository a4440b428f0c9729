from django.utils.translation import gettext_lazy as _

from reports import kpis
from reports.dashboard import target_statuses
from reports.selectors import campaign_sums
from socialcrm.extensions import Panel


def panels(request, campaign):
    """The campaign's KPIs over its whole run against its targets: met, at risk or missed."""
    sums = campaign_sums([campaign.pk], campaign.start_on, campaign.end_on, own_currency=True).get(campaign.pk, {})
    context = {"sums": sums, "kpis": kpis.compute_all(sums), "targets": target_statuses(campaign, sums),
               "has_data": bool(sums), "wide": True, "currency": campaign.currency}
    return [Panel(_("Performance against targets"), "reports/_campaign_kpis.html", context, order=20)]
