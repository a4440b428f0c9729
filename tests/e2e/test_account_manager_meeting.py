"""An account manager logs a meeting with action items and works them off from the home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Account, ActionItem, Meeting
from tests.e2e.steps import log_meeting
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_log_a_meeting_with_two_action_items_and_complete_one(sign_in, page, live_server, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    account = AccountFactory(account_manager=manager, name="Lumière Skincare")
    sign_in("mei", TEST_PASSWORD)

    page.goto(f"{live_server.url}{account.get_absolute_url()}")
    log_meeting(page, kind="monthly_review",
                minutes="Reviewed October results; the client wants more Xiaohongshu.",
                decisions="Shift 10% of budget to Xiaohongshu.",
                items=["Send the ROI one-pager", "Confirm the KOL shortlist"],
                due_on=timezone.localdate() + timedelta(days=5))
    page.wait_for_url(f"{live_server.url}{account.get_absolute_url()}")
    assert "Meeting logged with 2 action items" in page.inner_text(".messages")

    page.goto(f"{live_server.url}/")
    panel = page.locator("section[data-panel='accounts/_home_action_items.html']")
    assert panel.get_by_text("Send the ROI one-pager").is_visible()
    assert panel.get_by_text("Confirm the KOL shortlist").is_visible()

    panel.get_by_role("button", name="Mark “Send the ROI one-pager” as done").click()
    done_row = panel.locator("li.action-item.done")
    done_row.wait_for()
    assert "Send the ROI one-pager" in done_row.inner_text()
    page.reload()
    panel = page.locator("section[data-panel='accounts/_home_action_items.html']")
    assert panel.get_by_text("Send the ROI one-pager").count() == 0
    assert panel.get_by_text("Confirm the KOL shortlist").is_visible()
    assert ActionItem.objects.get(title="Send the ROI one-pager").done_at is not None
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_meeting_action_item_and_account_are_archived_never_deleted(sign_in, page, live_server,
                                                                    console_errors):
    manager = UserFactory(username="tom", role="account_manager")
    account = AccountFactory(account_manager=manager, name="Velo Bikes")
    meeting = Meeting.objects.create(account=account, kind="escalation", held_at=timezone.now(),
                                     minutes="Late delivery explained.", logged_by=manager)
    ActionItem.objects.create(account=account, meeting=meeting, title="Refund the late day",
                              owner=manager, due_on=timezone.localdate())
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in("tom", TEST_PASSWORD)

    page.goto(f"{live_server.url}{account.get_absolute_url()}")
    page.get_by_role("button", name="Archive “Refund the late day”").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#action-items").get_by_text("Refund the late day").count() == 0

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Archive meeting").click()
    page.wait_for_url(f"{live_server.url}{account.get_absolute_url()}")
    assert "Meeting archived" in page.inner_text(".messages")

    page.get_by_role("button", name="Archive account").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1 .tag").inner_text() == "Archived"

    assert ActionItem.objects.get(title="Refund the late day").archived_at is not None
    assert Meeting.objects.get(pk=meeting.pk).archived_at is not None
    assert Account.objects.get(pk=account.pk).archived_at is not None
    assert console_errors == []
