"""Plan arithmetic over working days. Pure functions: no database, no clock.

A plan is a set of steps linked finish-to-start: a step starts on the working day after the last
of its predecessors is due (plus that predecessor's buffer when planned backwards). A step's
`after` names its predecessors; `None` means "the step before it in the list", so a plain ordered
list is a chain. Dates are inclusive: a step of 3 working days that starts on a Monday is due on
the Wednesday.

- `plan_backwards` lays the graph out from the launch date, latest start first.
- `propagate` pushes steps whose predecessors now end later than they start; slack between
  steps (the buffers) absorbs a slip before it reaches the launch. Steps never move earlier.
- `move_step` and `rework` are the two ways a plan changes; `launch_impact` says what it costs.
- `project` is the plan as today makes it: overdue work pushes everything after it.
"""

from dataclasses import dataclass, replace
from datetime import date
from graphlib import CycleError, TopologicalSorter

from workdays.calendar import ONE_DAY, WorkCalendar  # noqa: F401  (the planner's calendar)

NOT_STARTED = "not_started"


@dataclass(frozen=True)
class Step:
    key: object
    duration_days: int
    buffer_days: int = 0
    starts_on: date | None = None
    due_on: date | None = None
    locked: bool = False  # finished work never moves
    after: tuple | None = None  # predecessor keys; None: the previous step in the list
    status: str = NOT_STARTED


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


class PlanCycle(ValueError):
    """The dependencies loop back on themselves: no order of work satisfies them."""


# --- the graph -----------------------------------------------------------------------------


def predecessors(steps):
    """{key: tuple of predecessor keys}."""
    keys = {step.key for step in steps}
    result = {}
    for index, step in enumerate(steps):
        if step.after is None:
            result[step.key] = (steps[index - 1].key,) if index else ()
        else:
            result[step.key] = tuple(key for key in step.after if key in keys)
    return result


def successors(steps):
    result = {step.key: [] for step in steps}
    for key, before in predecessors(steps).items():
        for predecessor in before:
            result[predecessor].append(key)
    return result


def order(steps):
    """Keys in an order where every step comes after its predecessors (list order breaks ties)."""
    position = {step.key: index for index, step in enumerate(steps)}
    sorter = TopologicalSorter(predecessors(steps))
    try:
        sorter.prepare()
    except CycleError as error:
        raise PlanCycle(error.args[1]) from None
    result = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        result.extend(ready)
        sorter.done(*ready)
    return result


def _by_key(steps):
    return {step.key: step for step in steps}


def _in_list_order(steps, by_key):
    return [by_key[step.key] for step in steps]


def _earliest_start(key, by_key, before, calendar):
    """The working day after the last predecessor is due (None without predecessors)."""
    dues = [by_key[predecessor].due_on for predecessor in before[key]]
    return calendar.add_working_days(max(dues), 1) if dues else None


def _pushed_start(step, by_key, before, calendar):
    """`step`'s start once its predecessors are due: unchanged while it starts after them all."""
    dues = [by_key[predecessor].due_on for predecessor in before[step.key]]
    if not dues or step.starts_on > max(dues):
        return step.starts_on
    return calendar.add_working_days(max(dues), 1)


# --- planning ------------------------------------------------------------------------------


def plan_backwards(steps, launch_on, calendar):
    """Dates for every step so that the last ones (the launch) are due on `launch_on`.

    Each earlier step is due `1 + buffer` working days before its earliest successor starts, so
    its buffer is the slack left between them.
    """
    after = successors(steps)
    planned = _by_key(steps)
    for key in reversed(order(steps)):
        step = planned[key]
        if after[key]:
            due_on = min(calendar.add_working_days(planned[successor].starts_on, -(1 + step.buffer_days))
                         for successor in after[key])
        else:
            due_on = launch_on
        planned[key] = replace(step, starts_on=calendar.span_ending(due_on, step.duration_days),
                               due_on=due_on)
    return _in_list_order(steps, planned)


def propagate(steps, calendar, *, from_index=0):
    """Push every open step so it starts after its predecessors are due. Nothing moves earlier."""
    before = predecessors(steps)
    result = _by_key(steps)
    for key in order(steps):
        step = result[key]
        starts_on = _pushed_start(step, result, before, calendar)
        if step.locked or starts_on == step.starts_on:
            continue
        result[key] = replace(step, starts_on=starts_on,
                              due_on=calendar.span_starting(starts_on, step.duration_days))
    return _in_list_order(steps, result)


def move_step(steps, key, due_on, calendar):
    """Give step `key` a new due date (keeping its duration) and re-plan what depends on it."""
    result = [replace(step, due_on=due_on, starts_on=calendar.span_ending(due_on, step.duration_days))
              if step.key == key else step for step in steps]
    if not any(step.key == key for step in steps):
        raise KeyError(key)
    return propagate(result, calendar)


def replan_to_launch(steps, launch_on, calendar):
    """Lay the open steps out backwards from a new launch date; finished steps keep their dates."""
    planned = plan_backwards(steps, launch_on, calendar)
    return [old if old.locked else new for old, new in zip(steps, planned, strict=True)]


def between(steps, first, last):
    """Keys of the steps on some path from `first` to `last`, both included."""
    after, before = successors(steps), predecessors(steps)
    return reachable(first, after) & reachable(last, before)


def reachable(start, edges):
    seen, todo = {start}, [start]
    while todo:
        for key in edges[todo.pop()]:
            if key not in seen:
                seen.add(key)
                todo.append(key)
    return seen


def rework(steps, *, rework_key, review_key, restart_on, calendar):
    """Send work back: redo step `rework_key` from `restart_on`, then every step up to the review.

    The steps in between are unlocked (their approvals no longer hold) and re-laid after the
    reworked one; later steps move only as far as their slack cannot absorb.
    """
    redo = between(steps, rework_key, review_key)
    before = predecessors(steps)
    result = _by_key(steps)
    for key in order(steps):
        if key not in redo:
            continue
        step = result[key]
        starts_on = restart_on if key == rework_key else _earliest_start(key, result, before, calendar)
        result[key] = replace(step, locked=False, starts_on=starts_on,
                              due_on=calendar.span_starting(starts_on, step.duration_days))
    return propagate(_in_list_order(steps, result), calendar)


def buffer_left(steps, calendar):
    """{key: working days strictly between a step's due date and its earliest successor's start}."""
    after = _by_key(steps)
    slack = {}
    for key, successor_keys in successors(steps).items():
        step = after[key]
        slack[key] = min((max(calendar.working_days_between(step.due_on, after[s].starts_on - ONE_DAY), 0)
                          for s in successor_keys), default=0)
    return slack


def finish(steps):
    """The day the plan's last step is due: the launch, when the plan ends with it."""
    return max(step.due_on for step in steps)


def launch_impact(planned_on, steps, calendar):
    """How far the plan's last step now lands from the launch date it was planned for."""
    projected_on = finish(steps) if steps else planned_on
    return LaunchImpact(
        planned_on=planned_on, projected_on=projected_on,
        working_days=calendar.working_days_between(planned_on, projected_on),
        calendar_days=(projected_on - planned_on).days,
    )


# --- the projection ------------------------------------------------------------------------


def project(steps, *, today, calendar):
    """The plan as it will really run from `today`.

    Finished steps keep their dates. An open step cannot end before today: one not started yet
    starts today at the earliest (and takes its whole duration), one under way ends today at the
    earliest. Every step still starts after its predecessors; the pushes travel down the graph.
    """
    first_working_day = calendar.on_or_after(today)
    before = predecessors(steps)
    result = _by_key(steps)
    for key in order(steps):
        step = result[key]
        if step.locked:
            continue
        starts_on = _pushed_start(step, result, before, calendar)
        if step.status == NOT_STARTED:
            starts_on = max(starts_on, first_working_day)
        due_on = max(step.due_on, calendar.span_starting(starts_on, step.duration_days))
        if step.status != NOT_STARTED:
            due_on = max(due_on, first_working_day)
        result[key] = replace(step, starts_on=starts_on, due_on=due_on)
    return _in_list_order(steps, result)


def latest_dues(steps, launch_on, calendar):
    """{key: the last day a step may be due without moving the launch} (no buffers kept)."""
    after = successors(steps)
    latest, latest_start = {}, {}
    by_key = _by_key(steps)
    for key in reversed(order(steps)):
        if after[key]:
            latest[key] = min(calendar.add_working_days(latest_start[s], -1) for s in after[key])
        else:
            latest[key] = max(launch_on, by_key[key].due_on) if by_key[key].locked else launch_on
        latest_start[key] = calendar.span_ending(latest[key], by_key[key].duration_days)
    return latest


def float_days(steps, launch_on, calendar):
    """{key: working days a step can still slip before the launch moves} (negative: it moves it)."""
    latest = latest_dues(steps, launch_on, calendar)
    return {step.key: calendar.working_days_between(step.due_on, latest[step.key]) for step in steps}


def _frontier(steps):
    """The open steps whose predecessors are all done: the work that can go on now."""
    before, by_key = predecessors(steps), _by_key(steps)
    return [step.key for step in steps if not step.locked
            and all(by_key[key].locked for key in before[step.key])]


def least_slack(steps, slack):
    """How far the work that can go on now may slip before the launch moves (None: all done).

    A step's slack counts every buffer between it and the launch, so for the steps that can
    start now it is the buffer left on their way to the launch; the tightest one counts.
    """
    frontier = _frontier(steps)
    return min(slack[key] for key in frontier) if frontier else None


def critical_path(steps, slack):
    """Keys of the open steps on the tightest way to the launch: delays there move it first.

    From the tightest step that can go on now, follow the successors with the least slack.
    """
    frontier = _frontier(steps)
    if not frontier:
        return set()
    after = successors(steps)
    least = min(slack[key] for key in frontier)
    path, todo = set(), [key for key in frontier if slack[key] == least]
    while todo:
        key = todo.pop()
        path.add(key)
        if after[key]:
            tightest = min(slack[successor] for successor in after[key])
            todo.extend(s for s in after[key] if slack[s] == tightest and s not in path)
    return path
