from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from campaigns.models import Campaign
from campaigns.projection import attach_projections
from campaigns.selectors import board_milestones
from socialcrm.extensions import Panel
from socialcrm.visibility import campaigns_visible_to

MILESTONES_SHOWN = 8
UPCOMING = timedelta(days=14)
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
    rows = attach_projections(campaigns.select_related("advertiser").order_by("launch_on")[:8])
    found = [Panel(title, "campaigns/_home_campaigns.html", {"campaigns": rows}, order=40)]
    if user.role == User.Role.PROJECT_LEAD:
        found.append(_milestone_panel(user))
    return found


def _milestone_panel(user):
    today = timezone.localdate()
    mine = board_milestones(user)
    overdue = list(mine.filter(due_on__lt=today)[:MILESTONES_SHOWN])
    upcoming = list(mine.filter(due_on__gte=today, due_on__lte=today + UPCOMING)[:MILESTONES_SHOWN])
    return Panel(_("My milestones"), "campaigns/_home_milestones.html",
                 {"overdue": overdue, "upcoming": upcoming}, order=30)
