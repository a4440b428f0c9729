from django.utils.translation import gettext_lazy as _

from accounts.models import User
from campaigns.models import Campaign
from campaigns.selectors import campaigns_visible_to
from socialcrm.extensions import Panel

OPEN_STATUSES = (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION, Campaign.Status.LIVE)


def panels(request):
    user = request.user
    campaigns = campaigns_visible_to(user).filter(status__in=OPEN_STATUSES, archived_at__isnull=True)
    if user.role == User.Role.PROJECT_LEAD:
        title = _("My campaigns")
    elif user.role == User.Role.ACCOUNT_MANAGER:
        title = _("Campaigns on my accounts")
    else:
        title = _("Open campaigns")
    rows = campaigns.select_related("advertiser").order_by("launch_on")[:8]
    return [Panel(title, "campaigns/_home_campaigns.html", {"campaigns": rows}, order=40)]
