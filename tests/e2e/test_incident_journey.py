"""A bad import raises a signal; an account manager turns it into an incident, runs it to closure,
and the account's timeline tells the whole story."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis.models import Incident, WarningRule
from crisis.tasks import evaluate_warning_rules
from tests.crisis.factories import kpi_target, record_daily_facts
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory


def bad_performance_numbers_arrive(campaign):
    """A week of numbers far below the CTR target (0.4% against 1.2%).

    Stands in for the performance import being built separately; swap for the real import then.
    """
    record_daily_facts(campaign, 7, impressions=50_000, clicks=200)


@pytest.mark.django_db(transaction=True)
def test_account_manager_turns_a_signal_into_a_closed_incident(sign_in, page, live_server, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    lead = UserFactory(username="lina", first_name="Lina", role="project_lead")
    advertiser = AccountFactory(name="Lumière Skincare", account_manager=manager)
    campaign = CampaignFactory(name="Autumn Glow", advertiser=advertiser, project_lead=lead)
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    WarningRule.objects.create(name="KPI missed", kind=WarningRule.Kind.KPI_BELOW_TARGET, severity="high")

    bad_performance_numbers_arrive(campaign)
    evaluate_warning_rules.delay()

    sign_in("mei", TEST_PASSWORD)
    page.click("nav.mainnav >> text=Trust & crisis")
    signals = page.locator("#open-signals")
    expect(signals).to_contain_text("CTR 0.40 % missed")
    signals.get_by_role("link", name="Open incident").click()

    expect(page.locator("#id_title")).to_have_value(re.compile("CTR 0.40 %"))
    page.fill("#id_title", "Autumn Glow CTR far below target")
    page.click("button[type=submit]:has-text('Open incident')")
    expect(page.locator("h1")).to_contain_text("Autumn Glow CTR far below target")
    expect(page.locator("#incident-status")).to_have_text("Detected")

    actions = page.locator("#actions")
    actions.locator("#id_title").fill("Call Lumière's marketing director")
    actions.locator("#id_owner").select_option(label=str(manager))
    actions.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=1)).isoformat())
    actions.get_by_role("button", name="Assign").click()
    expect(page.locator("#actions")).to_contain_text("Call Lumière's marketing director")
    page.locator("#actions tr:has-text('Call Lumière') >> button:has-text('Mark done')").click()
    expect(page.locator("#actions tr:has-text('Call Lumière')")).to_contain_text("Done")

    for status in ("Assessing", "Responding", "Recovering", "Resolved"):
        page.select_option("#id_to_status", label=status)
        page.click("button:has-text('Change status')")
        expect(page.locator("#incident-status")).to_have_text(status)

    page.select_option("#id_to_status", label="Closed")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Change status')")
    expect(page.locator("#status-card")).to_contain_text("Write the post-mortem")

    page.get_by_role("link", name="Write the post-mortem").click()
    page.fill("#id_what_happened", "New creatives halved the CTR for a week.")
    page.fill("#id_root_cause", "They skipped the A/B test.")
    page.fill("#id_what_we_changed", "Creative swaps start on 20% of placements.")
    page.click("button:has-text('Save the post-mortem')")
    page.locator("#postmortem summary").click()
    page.locator("#postmortem #id_preventive_title").fill("Add the A/B gate to the launch checklist")
    page.locator("#postmortem #id_preventive_owner").select_option(label=str(lead))
    page.locator("#postmortem #id_preventive_due_on").fill(timezone.localdate().isoformat())
    page.locator("#postmortem button:has-text('Add')").click()
    expect(page.locator("#postmortem")).to_contain_text("Add the A/B gate")

    page.select_option("#id_to_status", label="Closed")
    closing_asked = []
    page.once("dialog", lambda dialog: (closing_asked.append(dialog.message), dialog.accept()))
    page.click("button:has-text('Change status')")
    expect(page.locator("#incident-status")).to_have_text("Closed")
    assert closing_asked and "final" in closing_asked[0]
    assert Incident.objects.get().status == "closed"

    page.click("text=Lumière Skincare")
    timeline = page.locator("section.card:has(h2:text-is('Timeline'))")
    expect(timeline).to_be_visible(timeout=30_000)  # the account page is the heaviest page; slow on a busy machine
    for step in ("Warning: CTR 0.40 %", "Incident opened", "Call Lumière's marketing director",
                 "Status: Detected → Assessing", "Post-mortem written", "Preventive action",
                 "Status: Resolved → Closed"):
        expect(timeline).to_contain_text(step)
    assert console_errors == []
