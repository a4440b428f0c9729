"""Account manager journey: a client meeting with action items, then the complaint raised in it
is logged as feedback, answered and resolved, and the account page tells the whole story."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import ActionItem, Meeting
from audit.models import AuditEntry
from feedback.models import Feedback
from tests.e2e.steps import log_meeting, reply_to_partner, resolve_feedback
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_account_manager_meeting_action_items_then_feedback_answered_and_resolved(
        sign_in, page, live_server, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    account = AccountFactory(account_manager=manager, name="Lumière Skincare")
    account_url = f"{live_server.url}{account.get_absolute_url()}"
    sign_in("mei", TEST_PASSWORD)

    # 1. The monthly review, with the two things promised to the client.
    page.goto(account_url)
    log_meeting(page, kind="monthly_review",
                minutes="The client complained that the weekly report arrives late.",
                decisions="Reports go out every Monday before noon.",
                items=["Send the late weekly report", "Set up the Monday report schedule"],
                due_on=timezone.localdate() + timedelta(days=2))
    page.wait_for_url(account_url)
    assert "Meeting logged with 2 action items" in page.inner_text(".messages")

    # 2. The complaint itself goes into the feedback inbox, tied to the account.
    page.click("nav.mainnav >> text=Feedback")
    page.click("text=Log feedback")
    page.select_option("#id_source", "advertiser")
    page.select_option("#id_account", label="Lumière Skincare")
    page.select_option("#id_kind", "complaint")
    page.select_option("#id_rating", "2")
    page.fill("#id_text", "The weekly report was three days late again.")
    page.fill("#id_author_name", "Li Liu")
    page.click("form button.primary")
    page.wait_for_url(re.compile(r".*/feedback/\d+/$"))
    feedback = Feedback.objects.get(account=account)
    assert "Lumière Skincare" in page.locator("h1").inner_text()
    assert feedback.status == "new"

    # 3. Answer the client (htmx swaps the thread), then resolve with what was done.
    reply_to_partner(page, "Sorry: the report is attached, and it will come every Monday from now on.")
    assert "every Monday" in page.locator("#fb-thread").inner_text()
    assert "Acknowledged" in page.locator("#fb-status").inner_text()
    resolve_feedback(page, "Report sent; a Monday schedule is set up.")

    # 4. Back on the home page, the promises are worked off.
    page.goto(f"{live_server.url}/")
    panel = page.locator("section[data-panel='accounts/_home_action_items.html']")
    for title in ("Send the late weekly report", "Set up the Monday report schedule"):
        panel.get_by_role("button", name=f"Mark “{title}” as done").click()
        panel.locator("li.action-item.done", has_text=title).wait_for()

    # 5. The account page shows the meeting with its decision and both promises done.
    page.goto(account_url)
    meetings = page.locator("section.card", has=page.get_by_role("heading", name="Meetings"))
    assert "Reports go out every Monday before noon." in meetings.inner_text()
    done = page.locator("#action-items li.action-item.done")
    assert sorted(done.locator(".action-title").all_inner_texts()) == [
        "Send the late weekly report", "Set up the Monday report schedule"]

    feedback.refresh_from_db()
    assert feedback.status == "resolved" and feedback.first_response_at and feedback.resolved_at
    assert Meeting.objects.get(account=account).logged_by == manager
    assert not ActionItem.objects.filter(account=account, done_at__isnull=True).exists()
    assert AuditEntry.objects.filter(actor=manager).count() >= 5
    assert console_errors == []
