"""Which dates a meeting may carry: held meetings are in the past, planned ones ahead, none absurd."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Meeting

# A meeting logged while it is still running, or on a clock a few minutes fast, is still "held".
CLOCK_SLACK = timedelta(minutes=15)
OLDEST_HELD = timedelta(days=3 * 365)
FURTHEST_PLANNED = timedelta(days=366)


def check_meeting_date(status, held_at, *, now=None, is_new=True):
    """Raise a ValidationError on `held_at` that explains what is wrong with this date."""
    now = now or timezone.now()
    if status == Meeting.Status.HELD:
        if held_at > now + CLOCK_SLACK:
            raise ValidationError({"held_at": _(
                "A held meeting cannot be in the future. If it is still to come, choose "
                "“Planned”: only held meetings keep the communication cadence.")})
        if held_at < now - OLDEST_HELD:
            raise ValidationError({"held_at": _(
                "This date is more than three years ago. Check the year.")})
        return
    if held_at > now + FURTHEST_PLANNED:
        raise ValidationError({"held_at": _(
            "A meeting can be planned at most a year ahead. Check the year.")})
    if is_new and held_at < now - CLOCK_SLACK:
        raise ValidationError({"held_at": _(
            "This date has passed. Log the meeting as held, with its minutes.")})


def check_next_meeting_date(held_at, next_meeting_on):
    """The next meeting comes after this one and within a year of it."""
    if next_meeting_on is None:
        return
    day = timezone.localtime(held_at).date()
    if next_meeting_on <= day:
        raise ValidationError({"next_meeting_on": _("The next meeting must come after this one.")})
    if next_meeting_on > day + FURTHEST_PLANNED:
        raise ValidationError({"next_meeting_on": _(
            "A meeting can be planned at most a year ahead. Check the year.")})
