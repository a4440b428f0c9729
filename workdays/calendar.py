"""The product's one working calendar: which days people work, in mainland China.

Public holidays and the make-up working days (调休) come from the `holidays` library (its China
calendar follows the State Council's yearly notice); `CalendarOverride` rows entered by an admin
win over it, for a year the library does not know yet or a company day off. The planner
(campaigns.scheduling) and the feedback SLA clock (feedback.sla) both ask `working_calendar()`.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import holidays
from django.utils import timezone, translation

ONE_DAY = timedelta(days=1)
# Years loaded around today; plans further away are refused (campaigns.forms).
YEARS_BACK, YEARS_AHEAD = 3, 3
LIBRARY_LANGUAGES = {"zh-hans": "zh_CN", "zh-cn": "zh_CN"}


@dataclass(frozen=True)
class WorkCalendar:
    """Monday to Friday, minus the days off, plus the days worked anyway (make-up days)."""

    days_off: frozenset = frozenset()
    extra_working_days: frozenset = frozenset()

    def is_working_day(self, day):
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def on_or_after(self, day):
        """`day` itself when it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, day, count):
        """The `count`-th working day after `day` (before it when negative); `day` itself for 0."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start, end):
        """Working days strictly after `start` up to and including `end` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

    def span_ending(self, due_on, duration_days):
        """The working day a step of `duration_days` must start on to be due on `due_on`."""
        return self.add_working_days(due_on, -(max(duration_days, 1) - 1))

    def span_starting(self, starts_on, duration_days):
        """The due date of a step of `duration_days` that starts on `starts_on`."""
        return self.add_working_days(starts_on, max(duration_days, 1) - 1)


def years_around(today):
    return range(today.year - YEARS_BACK, today.year + YEARS_AHEAD + 1)


@lru_cache(maxsize=8)
def china_calendar(years, language="en_US"):
    """The library's mainland China calendar for `years` (a tuple): holidays and worked weekends."""
    return holidays.country_holidays("CN", years=years, language=language)


def library_days(years):
    """(days off, worked weekend days) from the library for `years`."""
    china = china_calendar(tuple(years))
    days_off = frozenset(day for day in china if day.year in years)
    worked = frozenset(day for day in china.weekend_workdays if day.year in years)
    return days_off, worked


def working_calendar(around=None):
    """The calendar in force around the date `around` (default today): library plus overrides."""
    from workdays.models import CalendarOverride

    years = years_around(around or timezone.localdate())
    days_off, worked = library_days(years)
    overrides = dict(CalendarOverride.objects.values_list("day", "is_working_day"))
    extra_off = {day for day, working in overrides.items() if not working}
    extra_worked = {day for day, working in overrides.items() if working}
    return WorkCalendar(
        days_off=frozenset((days_off - extra_worked) | extra_off),
        extra_working_days=frozenset((worked - extra_off) | extra_worked),
    )


def library_language():
    return LIBRARY_LANGUAGES.get((translation.get_language() or "").lower(), "en_US")


def year_overview(year, language="en_US"):
    """The days of `year` that are not plain Mon-Fri work / weekend rest, from the library.

    [(day, name, is_working_day)], sorted; names in the library's `language`.
    """
    china = china_calendar((year,), language)
    rows = [(day, name, False) for day, name in china.items() if day.year == year]
    rows += [(day, None, True) for day in china.weekend_workdays if day.year == year]
    return sorted(rows, key=lambda row: row[0])


def library_knows_make_up_days(year):
    """The library lists 调休 days only once the State Council has published that year's notice."""
    return any(day.year == year for day in china_calendar((year,)).weekend_workdays)
