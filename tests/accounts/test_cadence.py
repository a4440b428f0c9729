from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts import services, tasks
from accounts.cadence import GRACE_DAYS, advance, kept_and_due
from accounts.models import Cadence, Meeting
from accounts.selectors import cadence_kept_ratio
from notifications.models import Notification
from tests.accounts.factories import ActionItemFactory, CadenceFactory, MeetingFactory


@pytest.mark.parametrize("day, interval, expected", [
    (date(2026, 1, 31), "monthly", date(2026, 2, 28)),
    (date(2026, 11, 15), "quarterly", date(2027, 2, 15)),
    (date(2026, 3, 1), "weekly", date(2026, 3, 8)),
    (date(2026, 3, 1), "biweekly", date(2026, 3, 15)),
])
def test_next_due_date_is_one_interval_later(day, interval, expected):
    assert advance(day, interval) == expected


def test_meetings_in_time_keep_the_cadence_and_late_ones_do_not():
    start = date(2026, 1, 1)
    on_time = [date(2026, 2, 1), date(2026, 3, 1) + timedelta(days=GRACE_DAYS)]
    assert kept_and_due("monthly", on_time, start, date(2026, 3, 20)) == (2, 2)
    late = [date(2026, 2, 1) + timedelta(days=GRACE_DAYS + 1)]
    # Feb 1 is missed; the late meeting restarts the rhythm, so Mar 5 is due next, and missed.
    assert kept_and_due("monthly", late, start, date(2026, 3, 20)) == (0, 2)
    # With no meeting at all, every interval that passes is one more missed due date.
    assert kept_and_due("monthly", [], start, date(2026, 4, 20)) == (0, 3)


def test_a_due_date_still_within_its_grace_period_is_not_judged():
    assert kept_and_due("weekly", [], date(2026, 1, 1), date(2026, 1, 9)) == (0, 0)
    assert kept_and_due("weekly", [], date(2026, 1, 1), date(2026, 1, 12)) == (0, 1)


def _held(days_ago):
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10)))


def test_cadence_kept_ratio_counts_due_dates_met_by_meetings_of_that_kind(alliance):
    account = alliance["adv_a"]
    assert cadence_kept_ratio(account, timezone.localdate() - timedelta(days=90)) is None
    CadenceFactory(account=account, interval=Cadence.Interval.WEEKLY,
                   created_at=_held(40))
    for days_ago in (28, 21, 14):  # then nothing for two weeks: last two due dates missed
        MeetingFactory(account=account, held_at=_held(days_ago))
    MeetingFactory(account=account, held_at=_held(3), kind=Meeting.Kind.AD_HOC)  # other kind
    ratio = cadence_kept_ratio(account, timezone.localdate() - timedelta(days=35))
    # Due dates since day -35: -28 (kept), -21 (kept), -14 (kept), -7 (missed); day 0 not judged.
    assert ratio == pytest.approx(3 / 4)


def test_logging_a_meeting_moves_the_cadence_and_clears_the_overdue_flag(alliance):
    account = alliance["adv_a"]
    cadence = CadenceFactory(account=account, next_due_on=timezone.localdate() - timedelta(days=5),
                             overdue_since=timezone.localdate() - timedelta(days=4))
    services.log_meeting(actor=alliance["am_a"], account=account, kind=Meeting.Kind.MONTHLY_REVIEW,
                         held_at=timezone.now())
    cadence.refresh_from_db()
    assert cadence.next_due_on == advance(timezone.localdate(), Cadence.Interval.MONTHLY)
    assert cadence.overdue_since is None and not cadence.is_overdue


def test_overdue_cadences_are_flagged_and_reminded_once(alliance):
    account = alliance["adv_a"]
    account.shared_with.add(alliance["am_b"])
    cadence = CadenceFactory(account=account, next_due_on=timezone.localdate() - timedelta(days=2))
    CadenceFactory(account=alliance["adv_b"], meeting_kind=Meeting.Kind.QUARTERLY_REVIEW)  # not due
    assert tasks.flag_overdue_cadences.delay().get() == 1
    assert tasks.flag_overdue_cadences.delay().get() == 0
    cadence.refresh_from_db()
    assert cadence.overdue_since == timezone.localdate()
    reminders = Notification.objects.filter(kind="cadence_overdue")
    assert sorted(reminders.values_list("recipient__username", flat=True)) == ["am_a", "am_b"]


def test_action_item_reminders_go_to_owners_once_before_and_once_after_the_due_date(alliance):
    today = timezone.localdate()
    soon = ActionItemFactory(account=alliance["adv_a"], due_on=today + timedelta(days=1))
    ActionItemFactory(account=alliance["adv_a"], due_on=today + timedelta(days=7))  # not yet
    ActionItemFactory(account=alliance["adv_a"], due_on=today, done_at=timezone.now())  # done
    assert tasks.remind_due_action_items.delay().get() == 1
    assert tasks.remind_due_action_items.delay().get() == 0
    assert services.remind_due_action_items(today=today + timedelta(days=2)) == 1  # now overdue
    notes = Notification.objects.filter(recipient=soon.owner, kind="action_item_due")
    assert notes.count() == 2 and notes.filter(level="warning").count() == 1
