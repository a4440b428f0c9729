"""A project lead plans a campaign backwards from launch, and sees a client rejection move the plan."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import planning
from campaigns.default_plan import DEFAULT_STEPS, install_default_template
from campaigns.models import Campaign, Milestone, PlanTemplate, PlanTemplateStep
from campaigns.scheduling import Step, plan_backwards
from tests.e2e.steps import create_campaign, record_review, set_step_status
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory


def _launch_with_internal_review_starting_today():
    """The first launch date whose plan starts the internal review today (the proposal is past)."""
    calendar = planning.work_calendar()
    template = [Step(key=name, duration_days=duration, buffer_days=buffer)
                for _seq, _kind, name, duration, buffer, *_rest in DEFAULT_STEPS]
    first_day = calendar.on_or_after(timezone.localdate())
    launch = first_day
    while plan_backwards(template, launch, calendar)[1].starts_on < first_day:
        launch += timedelta(days=1)
    return launch


@pytest.mark.django_db(transaction=True)
def test_project_lead_plans_from_a_template_and_a_client_rejection_moves_the_plan(
        sign_in, page, live_server, console_errors):
    install_default_template(PlanTemplate, PlanTemplateStep)
    lead = UserFactory(username="lina", role="project_lead")
    advertiser = AccountFactory(name="Lumière Skincare")
    CampaignFactory(advertiser=advertiser, project_lead=lead, name="Earlier campaign")
    launch = _launch_with_internal_review_starting_today()

    sign_in("lina", TEST_PASSWORD)
    create_campaign(page, live_server, name="Winter Glow", advertiser="Lumière Skincare", budget="120000",
                    launch_on=launch, kpi="ctr", target="1.2", at_risk="1.0")
    steps = page.locator("table.plan tbody tr")
    assert steps.count() == 7
    assert page.locator("tr[data-step='Launch'] td.due").inner_text() == launch.isoformat()
    assert page.locator('[data-chart="campaign-timeline"] .main-svg').first.is_visible()
    # The proposal should be done by now and is not started: the projection says so.
    assert "late" in page.locator("[data-launch-impact]").inner_text()
    assert page.locator("[data-health]").first.inner_text() == "Late"

    set_step_status(page, "Creative proposal", "done")
    assert page.locator("[data-launch-impact]").inner_text() == "On time"
    record_review(page, "Internal review", "approved")
    page.wait_for_selector("text=Approval recorded.")
    record_review(page, "Client review", "rejected", reviewer="Li Liu (client CMO)",
                  comments="Warmer colours and the new logo, please.")

    page.wait_for_selector("text=the plan moved")
    assert "In progress" in page.locator("tr[data-step='Creative proposal']").inner_text()
    assert "late" in page.locator("[data-launch-impact]").inner_text()
    projected = page.locator("[data-projected-launch]").inner_text()
    assert projected > launch.isoformat()
    assert page.locator("tr[data-step='Launch'] td.slip").inner_text().startswith("+")
    assert page.get_by_text("Warmer colours and the new logo, please.").is_visible()
    campaign = Campaign.objects.get(name="Winter Glow")
    assert Milestone.objects.get(campaign=campaign, kind="launch").due_on.isoformat() == projected
    assert console_errors == []
