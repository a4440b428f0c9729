"""Milestone reminders: due soon, due today, overdue, and escalation to the project lead.

Each reminder's dedupe key names the milestone and its due date, so a beat tick that runs twice
sends nothing twice, while a re-planned step (new due date) is reminded afresh.
"""

from datetime import timedelta

from django.urls import reverse

from campaigns.models import Campaign
from campaigns.projection import Health, attach_projections
from campaigns.selectors import ACTIVE_STATUSES, escalation_days, open_milestones, warning_days
from notifications.models import Notification
from notifications.services import notify
from socialcrm.messages import deferred


def send_milestone_reminders(today):
    """Notify owners (and leads, for long-overdue steps); {kind: notifications sent}."""
    horizon = today + timedelta(days=warning_days())
    escalate_before = today - timedelta(days=escalation_days())
    milestones = (open_milestones().filter(due_on__lte=horizon)
                  .select_related("owner", "campaign__project_lead").order_by("due_on", "pk"))
    sent = {"due_soon": 0, "due_today": 0, "overdue": 0, "escalated": 0}
    for milestone in milestones:
        for kind, recipient, level, message in _reminders_for(milestone, today, escalate_before):
            notification = notify(
                recipient=recipient, kind=f"milestone_{kind}", about=milestone, level=level, message=message,
                dedupe_key=f"milestone-{kind.replace('_', '-')}:{milestone.pk}:{milestone.due_on}",
                url=reverse("campaigns:campaign_detail", args=[milestone.campaign_id]),
            )
            sent[kind] += notification is not None
    sent["plan_late"] = _send_late_plan_warnings(today)
    return sent


def _send_late_plan_warnings(today):
    """Tell each lead whose plan, projected from today, lands after the launch date."""
    campaigns = Campaign.objects.filter(status__in=ACTIVE_STATUSES, archived_at__isnull=True,
                                        milestones__isnull=False).distinct()
    sent = 0
    for campaign in attach_projections(campaigns.select_related("project_lead"), today=today):
        forecast = campaign.projection
        if forecast is None or forecast.health != Health.LATE:
            continue
        notification = notify(
            recipient=campaign.project_lead, kind="campaign_plan_late", level=Notification.Level.URGENT,
            dedupe_key=f"campaign-plan-late:{campaign.pk}:{forecast.projected_launch_on}",
            url=reverse("campaigns:campaign_detail", args=[campaign.pk]),
            message=deferred("campaign_plan_late", campaign=campaign.name, projected=forecast.projected_launch_on,
                             days=forecast.slip_working_days, launch=campaign.launch_on),
        )
        sent += notification is not None
    return sent


def _reminders_for(milestone, today, escalate_before):
    names = {"step": milestone.name, "campaign": milestone.campaign.name, "due": milestone.due_on}
    if milestone.due_on > today:
        yield ("due_soon", milestone.owner, Notification.Level.INFO,
               deferred("milestone_due_soon", **names))
    elif milestone.due_on == today:
        yield ("due_today", milestone.owner, Notification.Level.WARNING,
               deferred("milestone_due_today", **names))
    else:
        yield ("overdue", milestone.owner, Notification.Level.WARNING,
               deferred("milestone_overdue", **names))
        lead = milestone.campaign.project_lead
        if milestone.due_on <= escalate_before and lead.pk != milestone.owner_id:
            yield ("escalated", lead, Notification.Level.URGENT,
                   deferred("milestone_escalated", **names, owner=milestone.owner))
