"""What this app adds to a campaign's page: the meetings held and planned about it."""

from django.utils.translation import gettext_lazy as _

from socialcrm.extensions import Panel
from socialcrm.visibility import can_edit_account, meetings_visible_to


def panels(request, campaign):
    meetings = (meetings_visible_to(request.user).filter(campaign=campaign, archived_at__isnull=True)
                .select_related("account").order_by("-held_at")[:20])
    can_log = can_edit_account(request.user, campaign.advertiser) and campaign.archived_at is None
    return [Panel(_("Project meetings"), "accounts/_campaign_meetings.html",
                  {"meetings": meetings, "campaign": campaign, "can_log": can_log}, order=60)]
