"""A lead shapes the plan: a team, a parallel step given to a creative, a draft attached to the
internal review, the review chain refusing compliance out of order, and one health everywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.default_plan import install_default_template
from campaigns.models import Milestone, PlanTemplate, PlanTemplateStep
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_lead_adds_a_parallel_step_is_refused_out_of_order_and_sees_one_health(
        sign_in, page, live_server, console_errors):
    template = install_default_template(PlanTemplate, PlanTemplateStep)
    lead = UserFactory(username="lina", role="project_lead")
    manager = UserFactory(username="wei", role="account_manager", first_name="Wei", last_name="Zhang")
    creative = UserFactory(username="mei", role="account_manager", first_name="Mei", last_name="Lin")
    advertiser = AccountFactory(name="Lumière Skincare", account_manager=manager)
    launch = timezone.localdate() + timedelta(days=70)
    campaign = CampaignFactory(advertiser=advertiser, project_lead=lead, account_manager=manager,
                               name="Spring Glow", status="in_production", launch_on=launch,
                               end_on=launch + timedelta(days=30))
    services.generate_plan(actor=lead, campaign=campaign, template=template)
    numbers = dict(campaign.milestones.values_list("name", "sequence"))

    sign_in("lina", TEST_PASSWORD)
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    # Mei joins the team as the creative
    team_form = page.locator("[data-team-form]")
    team_form.locator("select[name=user]").select_option(label=f"{creative} (@mei)")
    team_form.locator("select[name=role]").select_option("creative")
    team_form.locator("button").click()
    page.wait_for_selector("[data-team-member='mei']")
    assert "Creative" in page.locator("[data-team-member='mei']").inner_text()

    page.click("text=Edit plan")
    # a teaser video produced alongside the client round, owned by the creative
    new_row = page.locator("tr[data-row='7']")
    new_row.locator("input[name$='-number']").fill("8")
    new_row.locator("input[name$='-name']").fill("Teaser video")
    new_row.locator("select[name$='-owner']").select_option(label=str(creative))
    new_row.locator("input[name$='-duration_days']").fill("4")
    new_row.locator("input[name$='-buffer_days']").fill("3")
    new_row.locator("input[name$='-after']").fill(str(numbers["Internal review"]))
    launch_row = page.locator("tr[data-row='6']")
    launch_row.locator("input[name$='-after']").fill(f"{numbers['Asset production']}, 8")
    page.click("button[value=preview]")
    page.wait_for_selector("#preview")
    assert page.locator("#preview tr[data-step='Teaser video']").is_visible()
    assert page.locator("#preview .tag.critical").count() >= 1
    page.click("button[value=save]")
    page.wait_for_selector("text=Plan saved")
    teaser = page.locator("tr[data-step='Teaser video']")
    assert teaser.locator("[data-after]").inner_text() == str(numbers["Internal review"])
    assert str(creative) in teaser.inner_text()
    assert Milestone.objects.get(campaign=campaign, name="Teaser video").owner == creative

    # a draft attached to the internal review, for its next decision
    page.locator("tr[data-step='Internal review'] a:has-text('Record review')").click()
    draft_form = page.locator("[data-comment-form]")
    draft_form.locator("textarea[name=body]").fill("First cut of the key visual, @wei please check the logo")
    draft_form.locator("input[type=file]").set_input_files(
        {"name": "key-visual-v1.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 key visual"})
    draft_form.locator("button").click()
    page.wait_for_selector("text=Comment added")
    draft = page.locator("[data-comment]", has_text="key-visual-v1.pdf")
    assert "draft for the next decision" in draft.inner_text()
    assert page.locator("a:has-text('key-visual-v1.pdf')").count() >= 2  # listed and in the decision box
    assert manager.notifications.filter(kind="step_mention").exists()
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    assert set(Milestone.objects.get(campaign=campaign, name="Launch").predecessors
               .values_list("name", flat=True)) == {"Asset production", "Teaser video"}

    # compliance cannot be approved before the client review is done
    page.locator("tr[data-step='Compliance review'] a:has-text('Record review')").click()
    assert page.locator("[data-review-waiting]").is_visible()
    page.check("input[name=decision][value=approved]")
    page.click("button:has-text('Record decision')")
    assert "cannot be decided yet" in page.locator(".errorlist, .msg.error").first.inner_text()

    # the same health on the campaign page, the board and the list
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    health = page.locator(".plan-summary [data-health]").get_attribute("data-health")
    projected = page.locator(".plan-summary [data-projected-launch]").inner_text()
    page.goto(f"{live_server.url}/campaigns/board/")
    card = page.locator("article.milestone-card", has_text="Spring Glow").first
    assert card.locator("[data-campaign-health] [data-health]").get_attribute("data-health") == health
    assert projected in card.inner_text()
    page.goto(f"{live_server.url}/campaigns/")
    row = page.locator("tr[data-campaign='Spring Glow']")
    assert row.locator("[data-health]").get_attribute("data-health") == health
    assert projected in row.locator("[data-projected-launch]").inner_text()

    # the editor is usable on a phone
    page.set_viewport_size({"width": 390, "height": 800})
    internal = Milestone.objects.get(campaign=campaign, name="Internal review")
    for url in (f"/campaigns/{campaign.pk}/plan/edit/", campaign.get_absolute_url(),
                f"/campaigns/milestones/{internal.pk}/review/", f"/campaigns/milestones/{internal.pk}/",
                "/campaigns/templates/new/", "/campaigns/board/"):
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    assert console_errors == []
