"""Reads about campaigns: plans, the board, reminder windows and calendar feeds.

Who may see and change which campaign is decided in socialcrm/visibility.py.
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404

from campaigns.models import CalendarFeed, Campaign, Milestone, PlanTemplate
from socialcrm.visibility import (
    campaigns_visible_to,
)

ACTIVE_STATUSES = (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION, Campaign.Status.LIVE)
# At risk: due within this many days and not started. Escalate to the lead this long after due.
DEFAULT_WARNING_DAYS = 3
DEFAULT_ESCALATION_DAYS = 2


def plan_of_campaign(campaign):
    return campaign.milestones.select_related("owner").prefetch_related("reviews").order_by("sequence")


def open_milestones():
    """Steps still to do on campaigns that are still going ahead."""
    return Milestone.objects.exclude(status=Milestone.Status.DONE).filter(
        campaign__archived_at__isnull=True, campaign__status__in=ACTIVE_STATUSES,
    )


def board_milestones(user):
    """The plan board: every open step of the campaigns a lead runs (admins: all), plus their own."""
    scope = Q() if user.is_admin else Q(campaign__project_lead=user) | Q(owner=user)
    return (open_milestones().filter(scope, campaign__in=campaigns_visible_to(user).values("pk"))
            .select_related("campaign", "owner").order_by("due_on", "campaign__name", "sequence"))


def warning_days():
    return getattr(settings, "MILESTONE_WARNING_DAYS", DEFAULT_WARNING_DAYS)


def escalation_days():
    return getattr(settings, "MILESTONE_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS)


# Templates and calendar feeds -------------------------------------------------------------------


def plan_templates():
    return PlanTemplate.objects.filter(archived_at__isnull=True).prefetch_related("steps")


def calendar_owner(token):
    """The user a calendar feed token belongs to, or 404."""
    try:
        return CalendarFeed.objects.select_related("user").get(token=token, user__is_active=True).user
    except CalendarFeed.DoesNotExist:
        raise Http404 from None
