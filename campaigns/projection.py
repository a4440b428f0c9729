"""The one projection of a campaign's plan: every screen, reminder and warning rule asks it.

It knows today's date: an open step cannot finish in the past, so an overdue step pushes every
step after it (campaigns.scheduling.project). From the projected plan it reads the projected
launch, the slip in working days, the buffer left before the launch moves, the critical path and
a health: late when the projected launch is after the launch date, at risk when it is not but a
step is overdue, blocked (the milestone keeps the reason), or has no slack left and is due
within the warning window unstarted, on track otherwise. "On time" is said only when the
projected launch is on or before launch.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import scheduling
from campaigns.models import Campaign, Milestone
from campaigns.selectors import warning_days

FORECAST_STATUSES = (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION,
                     Campaign.Status.LIVE, Campaign.Status.PAUSED)


class Health(TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")


HEALTH_RANK = {Health.ON_TRACK: 0, Health.AT_RISK: 1, Health.LATE: 2}  # for sorting lists


@dataclass(frozen=True)
class StepForecast:
    milestone: Milestone
    starts_on: date  # projected
    due_on: date  # projected
    slack: int  # working days it can still slip before the launch moves (negative: it moves it)
    overdue: bool
    critical: bool
    health: str

    @property
    def pushed_working_days(self):
        return max(-self.slack, 0)

    @property
    def blocked(self):
        return self.milestone.is_open and self.milestone.status == Milestone.Status.BLOCKED


@dataclass(frozen=True)
class Projection:
    launch_on: date
    projected_launch_on: date
    slip_working_days: int  # > 0: that many working days after launch
    buffer_left: int  # working days the critical path can still slip (0 when late)
    steps: list
    health: str
    today: date

    @property
    def on_time(self):
        return self.projected_launch_on <= self.launch_on

    @property
    def overdue(self):
        return [forecast for forecast in self.steps if forecast.overdue]

    @property
    def critical(self):
        return [forecast for forecast in self.steps if forecast.critical]

    @property
    def blocked(self):
        """Blocked steps (each keeps its reason on the milestone): they make the plan at risk."""
        return [forecast for forecast in self.steps if forecast.blocked]

    @property
    def working_days_early(self):
        return max(-self.slip_working_days, 0)

    def get_health_display(self):
        return Health(self.health).label

    def for_milestone(self, milestone_pk):
        return next((f for f in self.steps if f.milestone.pk == milestone_pk), None)


def step_of(milestone, predecessor_keys):
    return scheduling.Step(
        key=milestone.pk, duration_days=milestone.duration_days, buffer_days=milestone.buffer_days,
        starts_on=milestone.starts_on, due_on=milestone.due_on,
        locked=milestone.status == Milestone.Status.DONE, after=tuple(predecessor_keys),
        status=milestone.status,
    )


def predecessor_keys(milestone):
    """The predecessors' keys, from the prefetched relation when there is one."""
    return [predecessor.pk for predecessor in milestone.predecessors.all()]


def forecast(milestones, steps, *, launch_on, calendar, today=None):
    """The projection of `steps` (the plan of `milestones`, in the same order) from `today`."""
    today = today or timezone.localdate()
    if not steps:
        return None
    projected = scheduling.project(steps, today=today, calendar=calendar)
    slack = scheduling.float_days(projected, launch_on, calendar)
    critical = scheduling.critical_path(projected, slack)
    projected_launch = scheduling.finish(projected)
    slip = calendar.working_days_between(launch_on, projected_launch)
    horizon = today + timedelta(days=warning_days())
    forecasts = [
        _step_forecast(milestone, step, planned, slack[step.key], step.key in critical, today, horizon)
        for milestone, step, planned in zip(milestones, projected, steps, strict=True)
    ]
    least = scheduling.least_slack(projected, slack)
    buffer = max(least, 0) if least is not None else 0
    if projected_launch > launch_on:
        health = Health.LATE
    elif any(f.health != Health.ON_TRACK for f in forecasts):
        health = Health.AT_RISK
    else:
        health = Health.ON_TRACK
    return Projection(launch_on=launch_on, projected_launch_on=projected_launch,
                      slip_working_days=slip, buffer_left=buffer, steps=forecasts,
                      health=health, today=today)


def _step_forecast(milestone, step, planned, slack, critical, today, horizon):
    is_open = milestone.is_open
    overdue = is_open and planned.due_on < today
    if is_open and slack < 0:
        health = Health.LATE
    elif overdue or (is_open and milestone.status == Milestone.Status.BLOCKED) or (
            is_open and slack == 0 and milestone.status == Milestone.Status.NOT_STARTED
            and step.due_on <= horizon):
        health = Health.AT_RISK
    else:
        health = Health.ON_TRACK
    return StepForecast(milestone=milestone, starts_on=step.starts_on, due_on=step.due_on,
                        slack=slack, overdue=overdue, critical=critical, health=health)


def project_campaign(campaign, milestones=None, *, calendar=None, today=None):
    """The projection of a campaign's saved plan; None when it has no plan."""
    from campaigns.planning import work_calendar

    if milestones is None:
        milestones = campaign.milestones.prefetch_related("predecessors").select_related("owner")
    milestones = sorted(milestones, key=lambda milestone: milestone.sequence)
    steps = [step_of(milestone, predecessor_keys(milestone)) for milestone in milestones]
    return forecast(milestones, steps, launch_on=campaign.launch_on,
                    calendar=calendar or work_calendar(), today=today)


def attach_projections(campaigns, *, today=None):
    """Set `campaign.projection` on each campaign (None without a plan or once it is over).

    Reads every plan in two queries and builds the calendar once, for lists and home panels.
    """
    from campaigns.planning import work_calendar

    campaigns = list(campaigns)
    plans = {}
    milestones = (Milestone.objects.filter(campaign__in=[c.pk for c in campaigns])
                  .prefetch_related("predecessors").select_related("owner"))
    for milestone in milestones:
        plans.setdefault(milestone.campaign_id, []).append(milestone)
    calendar = work_calendar()
    for campaign in campaigns:
        campaign.projection = (
            project_campaign(campaign, plans.get(campaign.pk, []), calendar=calendar, today=today)
            if campaign.status in FORECAST_STATUSES else None
        )
    return campaigns
