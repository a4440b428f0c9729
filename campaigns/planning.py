"""Campaign plans as the scheduling functions see them, and previews of a change before it is saved."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import projection, scheduling
from campaigns.models import Milestone
from workdays.calendar import working_calendar


def work_calendar():
    return working_calendar()


def steps_of(milestones):
    return [projection.step_of(milestone, projection.predecessor_keys(milestone))
            for milestone in milestones]


@dataclass(frozen=True)
class PlanRow:
    milestone: Milestone
    starts_on: object
    due_on: object
    buffer_left: int
    forecast: projection.StepForecast | None = None
    after: tuple = ()  # the numbers of the steps it waits for

    @property
    def moves(self):
        return (self.starts_on, self.due_on) != (self.milestone.starts_on, self.milestone.due_on)

    @property
    def shift_days(self):
        return (self.due_on - self.milestone.due_on).days

    @property
    def slip_days(self):
        """Calendar days behind the first plan."""
        baseline = self.milestone.planned_due_on or self.milestone.due_on
        return (self.due_on - baseline).days


@dataclass(frozen=True)
class Plan:
    rows: list
    impact: scheduling.LaunchImpact | None  # what the (previewed) plan's own dates say
    projection: projection.Projection | None  # what today makes of them: shown to users

    @property
    def moved_rows(self):
        return [row for row in self.rows if row.moves]

    def late_starts(self, today):
        """Open steps the plan asks to have started already: the plan is squeezed."""
        return [row for row in self.rows
                if row.milestone.status == Milestone.Status.NOT_STARTED and row.starts_on < today]


def plan_of(campaign, milestones, steps=None, calendar=None, *, launch_on=None, today=None):
    """The plan as it stands (or as `steps` would make it), measured against the launch date."""
    calendar = calendar or work_calendar()
    milestones = list(milestones)
    steps = steps if steps is not None else steps_of(milestones)
    launch_on = launch_on or campaign.launch_on
    slack = scheduling.buffer_left(steps, calendar)
    forecast = projection.forecast(milestones, steps, launch_on=launch_on, calendar=calendar,
                                   today=today)
    forecasts = forecast.steps if forecast else [None] * len(steps)
    number = {step.key: milestone.sequence for milestone, step in zip(milestones, steps, strict=True)}
    waits_for = scheduling.predecessors(steps)
    rows = [PlanRow(milestone, step.starts_on, step.due_on, slack[step.key], step_forecast,
                    tuple(sorted(number[key] for key in waits_for[step.key])))
            for milestone, step, step_forecast in zip(milestones, steps, forecasts, strict=True)]
    impact = scheduling.launch_impact(launch_on, steps, calendar) if steps else None
    return Plan(rows=rows, impact=impact, projection=forecast)


def _plan_rows(campaign):
    return campaign.milestones.select_related("owner").prefetch_related("predecessors").order_by("sequence")


def preview_milestone_move(milestone, due_on):
    milestones = list(_plan_rows(milestone.campaign))
    calendar = work_calendar()
    steps = scheduling.move_step(steps_of(milestones), milestone.pk, due_on, calendar)
    return plan_of(milestone.campaign, milestones, steps, calendar)


def preview_launch_move(campaign, launch_on):
    milestones = list(_plan_rows(campaign))
    calendar = work_calendar()
    steps = scheduling.replan_to_launch(steps_of(milestones), launch_on, calendar)
    return plan_of(campaign, milestones, steps, calendar, launch_on=launch_on)


def preview_rework(review_milestone, rework_milestone, restart_on):
    milestones = list(_plan_rows(review_milestone.campaign))
    calendar = work_calendar()
    steps = scheduling.rework(
        steps_of(milestones), rework_key=rework_milestone.pk, review_key=review_milestone.pk,
        restart_on=restart_on, calendar=calendar,
    )
    return plan_of(review_milestone.campaign, milestones, steps, calendar)


PLAN_HORIZON_DAYS = 730  # plans reach at most two years ahead (the working calendar's reach)


def plan_date_problem(day, today=None):
    """Why `day` cannot be a new due or launch date (None when it can): past or years away."""
    today = today or timezone.localdate()
    if day < today:
        return _("%(day)s is in the past: plan from today (%(today)s) on.") % {"day": day, "today": today}
    if (day - today).days > PLAN_HORIZON_DAYS:
        return _("%(day)s is more than two years away: check the year.") % {"day": day}
    return None


def next_working_day(calendar=None, today=None):
    calendar = calendar or work_calendar()
    return calendar.add_working_days(today or timezone.localdate(), 1)
