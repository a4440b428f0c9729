"""A project lead plans a campaign backwards from launch, and sees a client rejection move the plan."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.default_plan import install_default_template
from campaigns.models import Campaign, Milestone, PlanTemplate, PlanTemplateStep
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_project_lead_plans_from_a_template_and_a_client_rejection_moves_the_plan(
        sign_in, page, live_server, console_errors):
    install_default_template(PlanTemplate, PlanTemplateStep)
    lead = UserFactory(username="lina", role="project_lead")
    advertiser = AccountFactory(name="Lumière Skincare")
    CampaignFactory(advertiser=advertiser, project_lead=lead, name="Earlier campaign")
    today = timezone.localdate()
    launch = today + timedelta(days=21)

    sign_in("lina", TEST_PASSWORD)
    page.goto(f"{live_server.url}/campaigns/")
    page.click("text=New campaign")
    page.fill("#id_name", "Winter Glow")
    page.select_option("#id_advertiser", label="Lumière Skincare")
    page.fill("#id_budget", "120000")
    page.fill("#id_start_on", today.isoformat())
    page.fill("#id_launch_on", launch.isoformat())
    page.fill("#id_end_on", (launch + timedelta(days=30)).isoformat())
    page.select_option("#id_kpi-0-kpi", "ctr")
    page.fill("#id_kpi-0-target", "1.2")
    page.fill("#id_kpi-0-at_risk_threshold", "1.0")
    page.click("button:has-text('Create campaign')")

    page.wait_for_selector("table.plan")
    steps = page.locator("table.plan tbody tr")
    assert steps.count() == 7
    assert page.locator("tr[data-step='Launch'] td.due").inner_text() == launch.isoformat()
    assert page.locator("[data-launch-impact]").inner_text() == "On time"
    assert page.locator('[data-chart="campaign-timeline"] .main-svg').first.is_visible()

    creative = page.locator("tr[data-step='Creative proposal']")
    creative.locator("select[name=status]").select_option("done")
    creative.locator("button:has-text('Set')").click()
    page.wait_for_selector("tr[data-step='Creative proposal'] .status.done")

    page.locator("tr[data-step='Internal review'] a:has-text('Record review')").click()
    page.check("input[name=decision][value=approved]")
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("text=Approval recorded.")

    page.locator("tr[data-step='Client review'] a:has-text('Record review')").click()
    page.fill("#id_reviewer", "Li Liu (client CMO)")
    page.check("input[name=decision][value=rejected]")
    page.fill("#id_comments", "Warmer colours and the new logo, please.")
    page.click("button:has-text('Record decision')")

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
