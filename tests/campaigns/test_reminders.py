from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from campaigns.models import Campaign, Milestone
from campaigns.tasks import send_milestone_reminders
from notifications.models import Notification
from tests.campaigns.factories import MilestoneFactory


@pytest.fixture
def due_steps(alliance):
    today = timezone.localdate()
    campaign = alliance["campaign_a"]
    campaign.launch_on = today + timedelta(days=60)  # the plan itself is on time
    campaign.save()
    am, lead = alliance["am_a"], alliance["lead_a"]
    return {
        "soon": MilestoneFactory(campaign=campaign, owner=lead, due_on=today + timedelta(days=2)),
        "today": MilestoneFactory(campaign=campaign, owner=lead, due_on=today),
        "late": MilestoneFactory(campaign=campaign, owner=am, due_on=today - timedelta(days=1)),
        "very_late": MilestoneFactory(campaign=campaign, owner=am, due_on=today - timedelta(days=5)),
        "far": MilestoneFactory(campaign=campaign, owner=lead, due_on=today + timedelta(days=30)),
        "done": MilestoneFactory(campaign=campaign, owner=lead, due_on=today - timedelta(days=3),
                                 status=Milestone.Status.DONE),
    }


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_reminders_go_to_owners_and_long_overdue_steps_escalate_to_the_lead(
        due_steps, alliance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_milestone_reminders()
    assert sent == {"due_soon": 1, "due_today": 1, "overdue": 2, "escalated": 1, "plan_late": 0}
    assert kinds(alliance["lead_a"]) == ["milestone_due_soon", "milestone_due_today", "milestone_escalated"]
    assert kinds(alliance["am_a"]) == ["milestone_overdue", "milestone_overdue"]
    assert len(mail.outbox) == 5
    assert any("Escalation" in message.subject for message in mail.outbox)


def test_running_the_beat_job_twice_sends_nothing_twice(due_steps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_milestone_reminders()
    notifications, emails = Notification.objects.count(), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = send_milestone_reminders()
    assert again == {"due_soon": 0, "due_today": 0, "overdue": 0, "escalated": 0, "plan_late": 0}
    assert (Notification.objects.count(), len(mail.outbox)) == (notifications, emails) == (5, 5)


def test_a_replanned_step_is_reminded_afresh(due_steps, django_capture_on_commit_callbacks):
    send_milestone_reminders()
    step = due_steps["soon"]
    step.due_on += timedelta(days=1)
    step.save()
    assert send_milestone_reminders()["due_soon"] == 1


def test_cancelled_campaigns_and_finished_steps_stay_quiet(due_steps, alliance):
    Campaign.objects.filter(pk=alliance["campaign_a"].pk).update(status=Campaign.Status.CANCELLED)
    assert sum(send_milestone_reminders().values()) == 0
    assert Notification.objects.count() == 0


def test_the_warning_window_and_escalation_delay_are_settings(due_steps, settings):
    settings.MILESTONE_WARNING_DAYS = 0
    settings.MILESTONE_ESCALATION_DAYS = 10
    sent = send_milestone_reminders()
    assert sent["due_soon"] == 0 and sent["escalated"] == 0


def test_the_lead_hears_once_when_the_projection_says_the_launch_will_slip(due_steps, alliance):
    campaign = alliance["campaign_a"]
    Milestone.objects.filter(pk=due_steps["far"].pk).update(due_on=campaign.launch_on + timedelta(days=7))
    assert send_milestone_reminders()["plan_late"] == 1
    warning = Notification.objects.get(kind="campaign_plan_late")
    assert warning.recipient == alliance["lead_a"] and campaign.name in warning.message
    assert send_milestone_reminders()["plan_late"] == 0
