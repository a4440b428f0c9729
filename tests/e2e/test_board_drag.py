"""On the plan board a lead drags a card to a later week and gets the same move preview."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.default_plan import install_default_template
from campaigns.models import Milestone, PlanTemplate, PlanTemplateStep
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_dragging_a_card_to_another_week_previews_the_move(sign_in, page, live_server, console_errors):
    template = install_default_template(PlanTemplate, PlanTemplateStep)
    lead = UserFactory(username="lina", role="project_lead")
    launch = timezone.localdate() + timedelta(days=70)
    campaign = CampaignFactory(advertiser=AccountFactory(name="Lumière"), project_lead=lead,
                               name="Drag Week", status="in_production", launch_on=launch,
                               end_on=launch + timedelta(days=30))
    services.generate_plan(actor=lead, campaign=campaign, template=template)
    creative = Milestone.objects.get(campaign=campaign, name="Creative proposal")
    final = Milestone.objects.get(campaign=campaign, name="Final version")

    sign_in("lina", TEST_PASSWORD)
    page.goto(f"{live_server.url}/campaigns/board/")
    target_row = page.locator(f"tr:has(#card-{final.pk})")
    target_week = date.fromisoformat(target_row.get_attribute("data-week"))
    # HTML5 drag and drop, event by event (what the mouse gesture fires)
    transfer = page.evaluate_handle("() => new DataTransfer()")
    page.dispatch_event(f"#card-{creative.pk}", "dragstart", {"dataTransfer": transfer})
    page.dispatch_event(f"tr[data-week='{target_week.isoformat()}']", "dragover", {"dataTransfer": transfer})
    page.dispatch_event(f"tr[data-week='{target_week.isoformat()}']", "drop", {"dataTransfer": transfer})
    page.wait_for_selector("#preview h2")
    expected = target_week + timedelta(days=creative.due_on.weekday())
    assert page.input_value("#id_due_on") == expected.isoformat()
    assert page.locator("#preview tr[data-step='Creative proposal'] ins").inner_text() == expected.isoformat()
    page.click("button:has-text('Save the new plan')")
    page.wait_for_selector("text=Plan updated.")
    assert Milestone.objects.get(pk=creative.pk).due_on == expected
    # the keyboard way is still there
    page.goto(f"{live_server.url}/campaigns/board/")
    assert page.locator(f"#card-{final.pk} a:has-text('Move')").is_visible()
    assert console_errors == []
