from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from feedback import services
from feedback.models import Feedback, SlaPolicy
from feedback.sla import Sla, deadline, respond_by
from notifications.models import Notification
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db  # the SLA clock reads the working calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour, minute=0):
    """2026-11-20 is a Friday, 2026-11-21/22 the weekend, 2026-11-23 a Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


OFFICE = Sla(hours=4, business_hours_only=True, workday_starts=time(9), workday_ends=time(18))


def test_round_the_clock_deadline_is_received_plus_hours():
    assert deadline(at(20, 17), Sla(hours=24)) == at(21, 17)


@pytest.mark.parametrize("received, hours, due", [
    (at(20, 10), 4, at(20, 14)),            # inside one working day
    (at(20, 16), 4, at(23, 11)),            # Friday afternoon -> skips the weekend to Monday
    (at(21, 12), 4, at(23, 13)),            # received on Saturday: the clock starts Monday 9:00
    (at(20, 20), 4, at(23, 13)),            # Friday evening, after hours
    (at(23, 7), 4, at(23, 13)),             # Monday before opening
    (at(20, 9), 9, at(20, 18)),             # exactly one working day
    (at(20, 9), 18, at(23, 18)),            # two working days: Friday and Monday
    (at(20, 17, 30), 1, at(23, 9, 30)),     # half an hour Friday, half an hour Monday
])
def test_business_hours_deadline_skips_nights_and_weekends(received, hours, due):
    sla = Sla(hours=hours, business_hours_only=True)
    assert deadline(received, sla) == due


def test_business_hours_deadline_never_lands_on_a_weekend():
    start = at(16, 0)
    for step in range(0, 7 * 24 * 4):
        due = timezone.localtime(deadline(start + timedelta(minutes=15 * step), OFFICE), SHANGHAI)
        assert due.weekday() < 5 and time(9) <= due.time() <= time(18)


@pytest.mark.django_db
def test_policies_are_configurable_per_priority():
    SlaPolicy.objects.update_or_create(priority="urgent", defaults={"respond_within_hours": 2})
    SlaPolicy.objects.update_or_create(priority="low", defaults={
        "respond_within_hours": 9, "business_hours_only": True})
    assert respond_by("urgent", at(20, 17)) == at(20, 19)
    assert respond_by("low", at(20, 17)) == at(23, 17)


@pytest.mark.django_db
def test_defaults_apply_when_a_priority_has_no_policy():
    SlaPolicy.objects.all().delete()
    assert respond_by("high", at(20, 10)) == at(21, 10)
    assert respond_by("normal", at(20, 10)) == at(22, 10)


@pytest.mark.django_db
def test_raising_the_priority_moves_the_deadline(alliance):
    feedback = services.create_feedback(user=alliance["am_a"], source="advertiser", account=alliance["adv_a"],
                                        kind="content", rating=4, text="ok", priority="low",
                                        received_at=at(20, 10))
    assert feedback.respond_by == at(25, 10)
    services.update_feedback(user=alliance["am_a"], feedback=feedback, priority="urgent")
    feedback.refresh_from_db()
    assert feedback.respond_by == at(20, 14)


@pytest.mark.django_db
def test_breach_is_flagged_once_and_the_owner_told_once(alliance):
    now = timezone.now()
    overdue = FeedbackFactory(account=alliance["adv_a"], received_at=now - timedelta(hours=50),
                              respond_by=now - timedelta(hours=2))
    in_time = FeedbackFactory(account=alliance["adv_a"], respond_by=now + timedelta(hours=1))
    answered = FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(hours=1),
                               first_response_at=now - timedelta(hours=3))
    resolved = FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(hours=1),
                               status=Feedback.Status.RESOLVED)

    assert services.flag_sla_breaches(now=now) == 1
    assert services.flag_sla_breaches(now=now + timedelta(minutes=15)) == 0

    overdue.refresh_from_db()
    assert overdue.sla_breached_at == now
    for item in (in_time, answered, resolved):
        item.refresh_from_db()
        assert item.sla_breached_at is None
    notes = Notification.objects.filter(recipient=alliance["am_a"], kind="feedback_sla_breach")
    assert notes.count() == 1 and notes.get().url == overdue.get_absolute_url()
    assert AuditEntry.objects.for_object(overdue).filter(action="feedback.sla_breached").count() == 1


@pytest.mark.django_db
def test_beat_task_runs_the_breach_check(alliance):
    from feedback.tasks import flag_sla_breaches

    FeedbackFactory(account=alliance["adv_b"], respond_by=timezone.now() - timedelta(minutes=1))
    assert flag_sla_breaches.delay().get() == 1
    assert flag_sla_breaches.delay().get() == 0
    assert Notification.objects.filter(recipient=alliance["am_b"], kind="feedback_sla_breach").count() == 1


@pytest.mark.django_db
def test_breach_on_a_weekend_schedule(alliance, settings):
    SlaPolicy.objects.update_or_create(priority="normal", defaults={
        "respond_within_hours": 4, "business_hours_only": True})
    feedback = services.create_feedback(user=alliance["am_a"], source="advertiser", account=alliance["adv_a"],
                                        kind="content", rating=3, text="fine", priority="normal",
                                        received_at=at(20, 16))
    assert services.flag_sla_breaches(now=at(22, 23)) == 0  # Sunday night: still within the SLA
    assert services.flag_sla_breaches(now=at(23, 11, 1)) == 1
    feedback.refresh_from_db()
    assert feedback.sla_breached_at == at(23, 11, 1)
