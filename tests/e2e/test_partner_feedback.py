"""A partner answers through a feedback link; the account manager answers and resolves it in time."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import Feedback, FeedbackLink
from tests.e2e.steps import reply_to_partner, resolve_feedback
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_partner_feedback_is_answered_and_resolved_and_the_link_dies(page, live_server, sign_in, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    account = AccountFactory(name="Lumière Skincare", account_manager=manager)
    link = FeedbackLink.objects.create(account=account, created_by=manager, purpose="After the monthly review",
                                       expires_at=timezone.now() + timedelta(days=7))
    partner_url = f"{live_server.url}{link.get_public_url()}"

    # The partner opens the link without signing in and gives a low rating.
    page.goto(partner_url)
    assert "Lumière Skincare" in page.locator("h1").inner_text()
    page.check("input[name=rating][value='1']")
    page.select_option("select[name=nps]", "2")
    page.select_option("select[name=kind]", "ad_performance")
    page.fill("textarea[name=text]", "Conversions were poor and the weekly report was late.")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/feedback/p-thanks/$"))
    assert "Thank you" in page.locator("h1").inner_text()
    feedback = Feedback.objects.get()
    deadline = timezone.localtime(feedback.respond_by).strftime("%Y-%m-%d %H:%M")

    # The account manager signs in and finds it in the inbox with its deadline.
    page.context.clear_cookies()
    sign_in("mei", TEST_PASSWORD)
    page.click("nav.mainnav >> text=Feedback")
    row = page.locator(f"#fb-{feedback.pk}")
    assert "Lumière Skincare" in row.inner_text() and "1/5" in row.inner_text()
    assert deadline in row.inner_text() and "left" in row.inner_text()
    assert "High" in row.inner_text()

    # Replies to the partner (htmx swaps the thread in place), then resolves with an explanation.
    row.locator("a").first.click()
    page.wait_for_url(re.compile(rf".*/feedback/{feedback.pk}/$"))
    reply_to_partner(page, "Sorry about this. We are re-optimising the campaign today.")
    assert "re-optimising" in page.locator("#fb-thread").inner_text()
    assert "Acknowledged" in page.locator("#fb-status").inner_text()

    resolve_feedback(page, "Budget moved to the best publishers; CPA back on target.")
    feedback.refresh_from_db()
    assert feedback.status == "resolved" and feedback.first_response_at and feedback.resolved_at

    assert console_errors == []

    # The link worked once; after its expiry it says so clearly.
    response = page.goto(partner_url)
    assert response.status == 410 and "already been used" in page.locator("h1").inner_text()
    FeedbackLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = page.goto(partner_url)
    assert response.status == 410 and "This link has expired" in page.locator("h1").inner_text()
    # Chromium reports every non-2xx page load on the console; the two 410s above are expected.
    assert [error for error in console_errors if "status of 410" not in error] == []
    assert len(console_errors) <= 2
