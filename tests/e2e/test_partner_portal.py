"""The partner portal, as people use it: an account manager invites the client's contact; the
client sets a password, follows the campaign and its KPIs (the staff figures), approves the
client review with a comment and reads the reply to earlier feedback; a publisher's contact sees
only the campaigns it carries."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from campaigns.models import Review
from feedback import services as feedback_services
from portal.numbers import campaign_numbers
from reports.campaign_page import panels
from tests.accounts.factories import ContactFactory
from tests.campaigns.factories import MilestoneFactory
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory
from tests.feedback.factories import FeedbackFactory
from tests.portal.conftest import make_partner
from tests.reports.report_data import seed_two_months

PASSWORD = "a-long-partner-pass-2026"


def _alliance():
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    lead = UserFactory(username="lead", role="project_lead")
    brand = AccountFactory(name="Lumière Skincare", account_manager=manager)
    other = AccountFactory(name="Other Brand", account_manager=manager)
    kol = AccountFactory(side="publisher", kind="kol", name="KOL One", account_manager=manager)
    campaign = CampaignFactory(name="Spring serum", advertiser=brand, project_lead=lead, account_manager=manager)
    second = CampaignFactory(name="Lumière winter", advertiser=brand, project_lead=lead, account_manager=manager)
    other_campaign = CampaignFactory(name="Other spring", advertiser=other, project_lead=lead,
                                     account_manager=manager)
    campaign.publishers.add(kol)
    draft = MilestoneFactory(campaign=campaign, sequence=1, name="Draft video", status="done")
    review = MilestoneFactory(campaign=campaign, sequence=2, name="Client review of the video",
                              kind="client_review", review_stage="client",
                              due_on=timezone.localdate() + timedelta(days=12))
    review.predecessors.add(draft)
    return {"manager": manager, "brand": brand, "kol": kol, "campaign": campaign, "second": second,
            "other_campaign": other_campaign, "review": review, "campaign_a": campaign,
            "campaign_b": other_campaign, "publisher": kol}


@pytest.mark.django_db(transaction=True)
def test_a_client_is_invited_follows_its_campaign_approves_and_reads_the_reply(
        page, browser, live_server, sign_in, console_errors, settings):
    settings.SITE_URL = live_server.url
    world = _alliance()
    period = seed_two_months(world, timezone.localdate())
    contact = ContactFactory(account=world["brand"], name="Chen Client", email="chen@lumiere.example")
    feedback = FeedbackFactory(account=world["brand"], author_contact="chen@lumiere.example",
                               text="The video is too long.")
    feedback_services.add_reply(user=world["manager"], feedback=feedback, kind="partner",
                                text="We will cut it to 15 seconds.")

    # The account manager invites the client's contact from the account page.
    sign_in("mei", TEST_PASSWORD)
    page.goto(f"{live_server.url}/accounts/{world['brand'].pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Invite to the portal").click()
    page.locator(".msg", has_text="Invitation emailed").wait_for()
    invitation = next(m for m in mail.outbox if "partner portal" in m.subject and m.to == [contact.email])
    welcome = re.search(r"https?://\S+/portal/welcome/\S+/", invitation.body).group(0)

    # The client sets a password and lands in the portal.
    client = browser.new_page()
    client.goto(welcome)
    client.fill("#id_password", PASSWORD)
    client.fill("#id_password_again", PASSWORD)
    client.get_by_role("button", name="Set my password").click()
    client.wait_for_url(f"{live_server.url}/portal/")
    assert "Spring serum" in client.content() and "Other spring" not in client.content()
    assert "1 of 2 steps done" in client.content()

    # Its KPIs for last month equal the staff campaign page's.
    client.goto(f"{live_server.url}/portal/campaigns/{world['campaign'].pk}/"
                f"?start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}")
    request = RequestFactory().get("/", {"period": "custom", "start": period.start, "end": period.end})
    request.user = world["manager"]
    staff = panels(request, world["campaign"])[0].context
    shown_spend = client.locator("[data-figure=spend]").inner_text().replace(",", "")
    assert float(shown_spend) == pytest.approx(float(staff["sums"]["spend"]))
    shown_roas = client.locator("[data-figure=roas]").inner_text()
    assert float(shown_roas) == pytest.approx(float(staff["kpis"]["roas"]), abs=0.005)

    # It approves the client review with a comment; staff see who decided.
    client.get_by_role("link", name="Decide").click()
    client.get_by_label("Approve").check()
    client.fill("#id_comments", "Lovely, go ahead.")
    client.get_by_role("button", name="Send my decision").click()
    client.wait_for_url(re.compile(r".*/portal/campaigns/\d+/$"))
    decision = Review.objects.get(milestone=world["review"])
    assert (decision.decision, decision.decided_by_contact_id) == ("approved", contact.pk)
    page.goto(f"{live_server.url}/campaigns/milestones/{world['review'].pk}/review/")
    assert "decided by the client's contact Chen Client" in page.content()

    # It reads the reply to its earlier feedback.
    client.get_by_role("link", name="Your feedback").click()
    client.locator("main ul a").first.click()
    assert "We will cut it to 15 seconds." in client.locator("main").inner_text()
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_a_publisher_contact_sees_only_the_campaigns_it_carries(page, live_server):
    world = _alliance()
    kai = make_partner(ContactFactory(account=world["kol"], name="Kai", email="kai@kol.example"))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", kai.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/portal/")
    body = page.locator("main").inner_text()
    assert "Spring serum" in body and "Lumière winter" not in body and "Other spring" not in body
    response = page.goto(f"{live_server.url}/portal/campaigns/{world['second'].pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/campaigns/{world['campaign'].pk}/")
    assert response.status == 403  # staff pages are closed to partners
    assert campaign_numbers  # the portal's figures come from one module
