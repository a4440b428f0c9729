"""One projection: it knows today, overdue work pushes what follows, and every screen agrees."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import planning
from campaigns.models import Milestone
from campaigns.projection import Health, project_campaign
from campaigns.scheduling import Step, WorkCalendar, critical_path, float_days, project
from tests.campaigns.factories import MilestoneFactory

PLAIN = WorkCalendar()
MONDAY = date(2026, 11, 16)


def test_an_open_step_cannot_finish_in_the_past_and_pushes_its_successor():
    steps = [Step("work", 3, starts_on=date(2026, 11, 9), due_on=date(2026, 11, 11), status="in_progress"),
             Step("launch", 1, starts_on=date(2026, 11, 12), due_on=date(2026, 11, 12))]
    projected = project(steps, today=MONDAY, calendar=PLAIN)
    assert projected[0].due_on == MONDAY
    assert (projected[1].starts_on, projected[1].due_on) == (MONDAY + timedelta(days=1),) * 2


def test_a_step_not_started_takes_its_whole_duration_from_today():
    steps = [Step("work", 3, starts_on=date(2026, 11, 11), due_on=date(2026, 11, 13))]
    assert project(steps, today=MONDAY, calendar=PLAIN)[0].due_on == date(2026, 11, 18)


def test_finished_steps_keep_their_dates():
    steps = [Step("work", 3, starts_on=date(2026, 11, 9), due_on=date(2026, 11, 11), locked=True)]
    assert project(steps, today=MONDAY, calendar=PLAIN) == steps


def test_parallel_branches_wait_for_the_slower_one_which_is_the_critical_path():
    launch = date(2026, 11, 30)
    steps = [
        Step("brief", 1, starts_on=date(2026, 11, 17), due_on=date(2026, 11, 17), after=()),
        Step("client", 3, starts_on=date(2026, 11, 18), due_on=date(2026, 11, 20), after=("brief",)),
        Step("assets", 6, starts_on=date(2026, 11, 18), due_on=date(2026, 11, 25), after=("brief",)),
        Step("launch", 1, starts_on=launch, due_on=launch, after=("client", "assets")),
    ]
    projected = project(steps, today=MONDAY, calendar=PLAIN)
    slack = float_days(projected, launch, PLAIN)
    assert slack == {"brief": 2, "client": 5, "assets": 2, "launch": 0}
    assert critical_path(projected, slack) == {"brief", "assets", "launch"}


# --- the cases where the screens used to disagree ---------------------------------------------


@pytest.fixture
def campaign(alliance):
    campaign = alliance["campaign_a"]
    campaign.status = "in_production"
    campaign.save()
    return campaign


def _chain(campaign, *specs):
    """Milestones one after the other: (name, starts_on, due_on, status)."""
    made = []
    for sequence, (name, starts_on, due_on, status) in enumerate(specs, start=1):
        milestone = MilestoneFactory(campaign=campaign, sequence=sequence, name=name, starts_on=starts_on,
                                     due_on=due_on, status=status,
                                     duration_days=planning.work_calendar().working_days_between(
                                         starts_on, due_on) + 1)
        if made:
            milestone.predecessors.add(made[-1])
        made.append(milestone)
    return made


def test_an_overdue_zero_buffer_step_makes_the_campaign_late_not_on_time(campaign):
    calendar = planning.work_calendar()
    today = timezone.localdate()
    yesterday = calendar.add_working_days(calendar.on_or_after(today), -1)
    launch = calendar.add_working_days(yesterday, 1)
    campaign.launch_on = launch
    campaign.save()
    _chain(campaign, ("Final version", yesterday, yesterday, "in_progress"),
           ("Launch", launch, launch, "not_started"))
    forecast = project_campaign(campaign)
    assert forecast.health == Health.LATE and not forecast.on_time
    assert forecast.projected_launch_on > launch and forecast.slip_working_days >= 1
    assert [f.milestone.name for f in forecast.overdue] == ["Final version"]


def test_a_launch_date_already_past_with_nothing_started_is_late(campaign):
    today = timezone.localdate()
    campaign.launch_on = today - timedelta(days=10)
    campaign.save()
    _chain(campaign, ("Creative proposal", today - timedelta(days=20), today - timedelta(days=15), "not_started"),
           ("Launch", today - timedelta(days=10), today - timedelta(days=10), "not_started"))
    forecast = project_campaign(campaign)
    assert forecast.health == Health.LATE
    assert forecast.projected_launch_on > today and forecast.buffer_left == 0


def test_an_overdue_step_with_buffer_to_spare_is_at_risk_but_on_time(campaign):
    calendar = planning.work_calendar()
    today = calendar.on_or_after(timezone.localdate())
    late = calendar.add_working_days(today, -2)
    launch = calendar.add_working_days(today, 10)
    campaign.launch_on = launch
    campaign.save()
    _chain(campaign, ("Draft", late, late, "in_progress"), ("Launch", launch, launch, "not_started"))
    forecast = project_campaign(campaign)
    assert forecast.on_time and forecast.health == Health.AT_RISK
    assert forecast.buffer_left == calendar.working_days_between(today, launch) - 1


def test_a_plan_with_slack_and_nothing_overdue_is_on_track(campaign):
    calendar = planning.work_calendar()
    today = calendar.on_or_after(timezone.localdate())
    start = calendar.add_working_days(today, 2)
    launch = calendar.add_working_days(today, 30)
    campaign.launch_on = launch
    campaign.save()
    _chain(campaign, ("Draft", start, start, "not_started"), ("Launch", launch, launch, "not_started"))
    assert project_campaign(campaign).health == Health.ON_TRACK


def test_campaign_page_board_and_list_tell_the_same_story(client, campaign, alliance):
    calendar = planning.work_calendar()
    yesterday = calendar.add_working_days(calendar.on_or_after(timezone.localdate()), -1)
    launch = calendar.add_working_days(yesterday, 1)
    campaign.launch_on = launch
    campaign.save()
    _chain(campaign, ("Final version", yesterday, yesterday, "in_progress"),
           ("Launch", launch, launch, "not_started"))
    projected = project_campaign(campaign).projected_launch_on.strftime("%Y-%m-%d")
    client.force_login(alliance["lead_a"])
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    board = client.get(reverse("campaigns:board")).content.decode()
    listing = client.get(reverse("campaigns:campaign_list")).content.decode()
    for html in (page, board, listing):
        assert 'data-health="late"' in html and projected in html
    assert "On time" not in page
    final = Milestone.objects.get(campaign=campaign, name="Final version")
    assert f'milestone-card late" id="card-{final.pk}"' in board


def test_the_campaign_list_filters_and_sorts_by_health(client, alliance):
    from tests.factories import CampaignFactory

    calendar = planning.work_calendar()
    today = calendar.on_or_after(timezone.localdate())
    lead = alliance["lead_a"]
    late = CampaignFactory(project_lead=lead, name="Zeta late", status="in_production",
                           advertiser=alliance["adv_a"], launch_on=today)
    _chain(late, ("Work", calendar.add_working_days(today, -1), calendar.add_working_days(today, -1),
                  "in_progress"), ("Launch", late.launch_on, late.launch_on, "not_started"))
    fine = CampaignFactory(project_lead=lead, name="Alpha fine", status="in_production",
                           advertiser=alliance["adv_a"], launch_on=calendar.add_working_days(today, 30))
    _chain(fine, ("Work", calendar.add_working_days(today, 2), calendar.add_working_days(today, 2),
                  "not_started"), ("Launch", fine.launch_on, fine.launch_on, "not_started"))
    client.force_login(lead)
    url = reverse("campaigns:campaign_list")
    only_late = client.get(url, {"health": "late"}).content.decode()
    assert "Zeta late" in only_late and "Alpha fine" not in only_late
    by_health = client.get(url, {"sort": "-health"}).content.decode()
    assert by_health.index("Zeta late") < by_health.index("Alpha fine")
    by_name = client.get(url, {"sort": "name"}).content.decode()
    assert by_name.index("Alpha fine") < by_name.index("Zeta late")
    assert 'data-overdue-steps>1<' in only_late
