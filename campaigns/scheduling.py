"""Plan arithmetic over working days. Pure functions: no database, no clock.

A plan is an ordered chain of steps; each step starts on the working day after its predecessor
is due (plus the predecessor's buffer when planned backwards). Dates are inclusive: a step of
3 working days that starts on a Monday is due on the Wednesday.

- `plan_backwards` lays the chain out from the launch date, latest start first.
- `propagate` pushes later steps when an earlier one ends later than they start; slack between
  steps (the buffers) absorbs a slip before it reaches the launch. Steps never move earlier.
- `move_step` and `rework` are the two ways a plan changes; `launch_impact` says what it costs.
"""

from dataclasses import dataclass, replace
from datetime import date

from workdays.calendar import ONE_DAY, WorkCalendar  # noqa: F401  (the planner's calendar)


@dataclass(frozen=True)
class Step:
    key: object
    duration_days: int
    buffer_days: int = 0
    starts_on: date | None = None
    due_on: date | None = None
    locked: bool = False  # finished work never moves


@dataclass(frozen=True)
class LaunchImpact:
    planned_on: date
    projected_on: date
    working_days: int
    calendar_days: int

    @property
    def slips(self):
        return self.projected_on > self.planned_on

    @property
    def working_days_early(self):
        return max(-self.working_days, 0)


def plan_backwards(steps, launch_on, calendar):
    """Dates for every step so that the last one (the launch) is due on `launch_on`.

    Each earlier step is due `1 + buffer` working days before its successor starts, so its buffer
    is the slack left between them.
    """
    planned = []
    next_start = None
    for step in reversed(steps):
        if next_start is None:
            due_on = launch_on
        else:
            due_on = calendar.add_working_days(next_start, -(1 + step.buffer_days))
        starts_on = calendar.span_ending(due_on, step.duration_days)
        planned.append(replace(step, starts_on=starts_on, due_on=due_on))
        next_start = starts_on
    return list(reversed(planned))


def propagate(steps, calendar, *, from_index=0):
    """Push each step after `from_index` so it starts after its predecessor is due."""
    result = list(steps)
    for index in range(max(from_index, 0) + 1, len(result)):
        step, previous = result[index], result[index - 1]
        if step.locked or step.starts_on > previous.due_on:
            continue
        earliest = calendar.add_working_days(previous.due_on, 1)
        result[index] = replace(
            step, starts_on=earliest, due_on=calendar.span_starting(earliest, step.duration_days)
        )
    return result


def move_step(steps, key, due_on, calendar):
    """Give step `key` a new due date (keeping its duration) and re-plan what depends on it."""
    index = _index_of(steps, key)
    step = steps[index]
    result = list(steps)
    result[index] = replace(
        step, due_on=due_on, starts_on=calendar.span_ending(due_on, step.duration_days)
    )
    return propagate(result, calendar, from_index=index)


def replan_to_launch(steps, launch_on, calendar):
    """Lay the open steps out backwards from a new launch date; finished steps keep their dates."""
    planned = plan_backwards(steps, launch_on, calendar)
    return [old if old.locked else new for old, new in zip(steps, planned, strict=True)]


def rework(steps, *, rework_key, review_key, restart_on, calendar):
    """Send work back: redo step `rework_key` from `restart_on`, then every step up to the review.

    The steps in between are unlocked (their approvals no longer hold) and re-laid after the
    reworked one; later steps move only as far as their slack cannot absorb.
    """
    first, last = _index_of(steps, rework_key), _index_of(steps, review_key)
    result = list(steps)
    redo = result[first]
    result[first] = replace(
        redo, locked=False, starts_on=restart_on,
        due_on=calendar.span_starting(restart_on, redo.duration_days),
    )
    for index in range(first + 1, last + 1):
        step = result[index]
        earliest = calendar.add_working_days(result[index - 1].due_on, 1)
        result[index] = replace(
            step, locked=False, starts_on=earliest,
            due_on=calendar.span_starting(earliest, step.duration_days),
        )
    return propagate(result, calendar, from_index=last)


def buffer_left(steps, calendar):
    """{key: working days strictly between a step's due date and its successor's start}."""
    slack = {}
    for step, successor in zip(steps, steps[1:], strict=False):
        slack[step.key] = max(calendar.working_days_between(step.due_on, successor.starts_on - ONE_DAY), 0)
    if steps:
        slack[steps[-1].key] = 0
    return slack


def launch_impact(planned_on, steps, calendar):
    """How far the plan's last step now lands from the launch date it was planned for."""
    projected_on = steps[-1].due_on if steps else planned_on
    return LaunchImpact(
        planned_on=planned_on, projected_on=projected_on,
        working_days=calendar.working_days_between(planned_on, projected_on),
        calendar_days=(projected_on - planned_on).days,
    )


def _index_of(steps, key):
    for index, step in enumerate(steps):
        if step.key == key:
            return index
    raise KeyError(key)
