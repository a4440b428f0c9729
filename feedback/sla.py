"""Response deadlines: how long feedback of each priority may wait for its first response.

Policies live in `SlaPolicy` (one row per priority, edited by admins); a priority without a row
falls back to `DEFAULT_HOURS`. A policy that counts business hours only stops the clock outside
`workday_starts`-`workday_ends` and on the days the product's working calendar
(workdays.calendar) says nobody works: weekends, public holidays, but not make-up working days.
Times are in the site's time zone.
"""

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from django.utils import timezone

from workdays.calendar import working_calendar

DEFAULT_HOURS = {"urgent": 4, "high": 24, "normal": 48, "low": 120}


@dataclass(frozen=True)
class Sla:
    hours: int
    business_hours_only: bool = False
    workday_starts: time = time(9)
    workday_ends: time = time(18)


def policy_for(priority):
    from feedback.models import SlaPolicy

    policy = SlaPolicy.objects.filter(priority=priority).first()
    if policy is None:
        return Sla(hours=DEFAULT_HOURS.get(priority, DEFAULT_HOURS["normal"]))
    return Sla(hours=policy.respond_within_hours, business_hours_only=policy.business_hours_only,
               workday_starts=policy.workday_starts, workday_ends=policy.workday_ends)


def respond_by(priority, received_at, account=None):
    """The deadline under the priority's policy, or the account's charter where it is stricter."""
    sla = policy_for(priority)
    promised = charter_hours(account)
    if promised is not None and promised < sla.hours:
        sla = replace(sla, hours=promised)
    return deadline(received_at, sla)


def charter_hours(account):
    """The first-response time agreed in the account's partnership charter, if any."""
    if account is None:
        return None
    from accounts.models import Charter

    return Charter.objects.filter(account=account).values_list("response_hours", flat=True).first()


def deadline(start, sla, calendar=None):
    """When a response is due for something received at `start` under `sla`."""
    if not sla.business_hours_only:
        return start + timedelta(hours=sla.hours)
    calendar = calendar or working_calendar(around=timezone.localdate(start))
    return _add_business_time(timezone.localtime(start), timedelta(hours=sla.hours), sla, calendar)


def _add_business_time(cursor, remaining, sla, calendar):
    zone = cursor.tzinfo
    while True:
        cursor = _next_working_moment(cursor, sla, calendar)
        day_ends = datetime.combine(cursor.date(), sla.workday_ends, tzinfo=zone)
        available = day_ends - cursor
        if remaining <= available:
            return cursor + remaining
        remaining -= available
        cursor = day_ends


def _next_working_moment(moment, sla, calendar):
    """`moment` itself when the clock runs then, else the start of the next working period."""
    zone = moment.tzinfo
    day = moment.date()
    if moment.timetz().replace(tzinfo=None) >= sla.workday_ends:
        day += timedelta(days=1)
        moment = None
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
        moment = None
    opening = datetime.combine(day, sla.workday_starts, tzinfo=zone)
    if moment is None or moment < opening:
        return opening
    return moment
