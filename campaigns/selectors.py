"""Reads about campaigns: plans, the board, reminder windows and calendar feeds.

Who may see and change which campaign is decided in socialcrm/visibility.py.
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404

from campaigns.models import CalendarFeed, Campaign, CampaignRisk, Milestone, PlanTemplate
from socialcrm.visibility import (  # noqa: F401 - the plan's views read these through here
    campaigns_editable_by,
    campaigns_visible_to,
    can_edit_campaign,
    can_work_on_milestone,
    get_editable_campaign,
    get_visible_campaign,
    get_visible_milestone,
    get_workable_milestone,
    milestones_visible_to,
    possible_step_owners,
)

ACTIVE_STATUSES = (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION, Campaign.Status.LIVE)
# Reminders and the projection's "at risk" look this many days ahead. Escalate this long after due.
DEFAULT_WARNING_DAYS = 3
DEFAULT_ESCALATION_DAYS = 2


def get_visible_risk(user, pk):
    try:
        return CampaignRisk.objects.select_related("campaign").get(
            pk=pk, campaign__in=campaigns_visible_to(user).values("pk"))
    except (CampaignRisk.DoesNotExist, ValueError):
        raise Http404 from None


def team_of(campaign):
    """The campaign's current team, by role."""
    return campaign.team.filter(removed_at__isnull=True).select_related("user").order_by("role", "added_at")


def comments_on(milestone):
    """The step's comments, oldest first, with who wrote them and who they mention."""
    return (milestone.comments.filter(archived_at__isnull=True).select_related("author", "review")
            .prefetch_related("mentioned"))


def pending_drafts(milestone):
    """Files attached to a review step since its last decision: what the next decision is about."""
    return comments_on(milestone).filter(review__isnull=True).exclude(attachment="")


def plan_of_campaign(campaign):
    return (campaign.milestones.select_related("owner").prefetch_related("reviews", "predecessors")
            .order_by("sequence"))


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


def get_active_template(pk):
    try:
        return plan_templates().get(pk=pk)
    except (PlanTemplate.DoesNotExist, ValueError):
        raise Http404 from None


def calendar_owner(token):
    """The user a calendar feed token belongs to, or 404."""
    try:
        return CalendarFeed.objects.select_related("user").get(token=token, user__is_active=True).user
    except CalendarFeed.DoesNotExist:
        raise Http404 from None
