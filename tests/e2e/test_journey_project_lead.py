"""Project lead journey: a campaign planned from a chosen template, its first steps done and
reviewed, and the hourly reminder job putting the steps falling due into the lead's notifications."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from campaigns.default_plan import DEFAULT_TEMPLATE_NAME, install_default_template
from campaigns.models import Campaign, Milestone, PlanTemplate, PlanTemplateStep
from campaigns.tasks import send_milestone_reminders
from notifications.models import Notification
from tests.e2e.steps import create_campaign, record_review, set_step_status
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory

LAUNCH_IN_DAYS = 12  # tighter than the template's 25 working days: steps fall due at once


@pytest.mark.django_db(transaction=True)
def test_project_lead_plans_reviews_and_is_reminded_of_due_steps(sign_in, page, live_server, console_errors):
    install_default_template(PlanTemplate, PlanTemplateStep)
    lead = UserFactory(username="lina", role="project_lead")
    # A lead chooses among the advertisers of the campaigns they already lead.
    CampaignFactory(advertiser=AccountFactory(name="Velo Bikes"), project_lead=lead, name="Autumn Ride",
                    status=Campaign.Status.FINISHED)
    launch = timezone.localdate() + timedelta(days=LAUNCH_IN_DAYS)
    sign_in("lina", TEST_PASSWORD)

    # Plan: seven steps laid out backwards from launch.
    create_campaign(page, live_server, name="Spring Ride", advertiser="Velo Bikes", budget="80000",
                    launch_on=launch, kpi="roi", target="150", at_risk="100", plan_template=DEFAULT_TEMPLATE_NAME)
    campaign = Campaign.objects.get(name="Spring Ride")
    assert page.locator("table.plan tbody tr").count() == 7
    assert page.locator("tr[data-step='Launch'] td.due").inner_text() == launch.isoformat()

    # Review: the proposal is done and the internal review approves it.
    set_step_status(page, "Creative proposal", "done")
    record_review(page, "Internal review", "approved", comments="Strong concept; go to the client.")
    page.wait_for_selector("text=Approval recorded.")
    assert Milestone.objects.get(campaign=campaign, name="Internal review").status == "done"

    # Reminder: the hourly beat job runs; a doubled tick must not remind anyone twice.
    first = send_milestone_reminders.delay().get()
    assert sum(first.values()) >= 1, "a launch this close leaves steps due soon or overdue"
    assert set(send_milestone_reminders.delay().get().values()) == {0}
    # step reminders, and (a launch this close is projected late) the plan-late warning
    reminders = Notification.objects.filter(Q(kind__startswith="milestone_") | Q(kind="campaign_plan_late"),
                                            recipient=lead)
    assert reminders.exists()

    page.goto(f"{live_server.url}/")
    assert page.locator("#unread-badge").inner_text() == str(reminders.count())
    page.locator("a.bell").click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    listed = page.locator("ul.notifications li.unread")
    assert sorted(listed.locator("a").all_inner_texts()) == sorted(reminders.values_list("message", flat=True))
    assert all("Spring Ride" in text for text in listed.all_inner_texts())
    listed.first.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}{campaign.get_absolute_url()}")
    assert console_errors == []
