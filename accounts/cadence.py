"""Calendar arithmetic of communication cadences, free of the database."""

import calendar
from datetime import timedelta

from accounts.models import Cadence

# A meeting held up to this many days after its due date still counts as keeping the cadence:
# clients move meetings by a day or two for holidays and travel, which is not a broken promise.
GRACE_DAYS = 3

_DAYS = {Cadence.Interval.WEEKLY: 7, Cadence.Interval.BIWEEKLY: 14}
_MONTHS = {Cadence.Interval.MONTHLY: 1, Cadence.Interval.QUARTERLY: 3}


def advance(day, interval):
    """The due date one interval after `day` (month ends are clamped: Jan 31 -> Feb 28)."""
    if interval in _DAYS:
        return day + timedelta(days=_DAYS[interval])
    months = day.month - 1 + _MONTHS[interval]
    year, month = day.year + months // 12, months % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def kept_and_due(interval, held_days, start, today):
    """(kept, due) counts of the due dates in (start, today] for one cadence.

    This replays what the app does: the schedule runs from the last meeting on or before
    `start` (or `start` itself), and every meeting of the kind restarts it one interval later.
    A due date is kept by a meeting held no later than due + grace. When it is missed, a late
    meeting restarts the schedule; with no meeting at all, each further interval is missed too.
    A due date whose grace period has not ended yet is not judged.
    """
    earlier = [day for day in held_days if day <= start]
    anchor = earlier[-1] if earlier else start
    kept = due_count = 0
    due = advance(anchor, interval)
    while due <= today:
        deadline = due + timedelta(days=GRACE_DAYS)
        met = next((day for day in held_days if day > anchor), None)
        on_time = met is not None and met <= deadline
        if not on_time and deadline >= today:
            break  # still within the grace period: neither kept nor missed yet
        due_count += 1
        kept += on_time
        anchor = met if met is not None and met <= today else due
        due = advance(anchor, interval)
    return kept, due_count
