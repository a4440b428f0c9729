"""An account manager sees an overdue cadence on home, plans the meeting, holds it, and it is gone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Cadence, Meeting
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory

PANEL = "section[data-panel='accounts/_home_cadence.html']"


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db(transaction=True)
def test_plan_then_hold_the_overdue_meeting(sign_in, page, live_server, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    account = AccountFactory(account_manager=manager, name="Lumière Skincare")
    Cadence.objects.create(account=account, meeting_kind=Meeting.Kind.MONTHLY_REVIEW,
                           interval=Cadence.Interval.MONTHLY,
                           next_due_on=timezone.localdate() - timedelta(days=5))
    sign_in("mei", TEST_PASSWORD)

    panel = page.locator(PANEL)
    assert "Lumière Skincare" in panel.inner_text()
    assert "5 days overdue" in panel.inner_text()

    panel.get_by_role("link", name="Plan the meeting").click()
    assert page.locator("#id_status input[value=planned]").is_checked()
    assert page.input_value("#id_kind") == "monthly_review"
    page.fill("#id_held_at", _local(timezone.now() + timedelta(days=1)))
    page.fill("#id_agenda", "Q1 plan and the Xiaohongshu budget")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_url(f"{live_server.url}{account.get_absolute_url()}")
    assert "Meeting planned" in page.inner_text(".messages")

    page.goto(f"{live_server.url}/")
    assert "planned" in page.locator(PANEL).inner_text()  # still overdue: a plan keeps no promise

    planned = Meeting.objects.get(account=account)
    page.goto(f"{live_server.url}{planned.get_absolute_url()}")
    page.get_by_role("link", name="Record as held").click()
    page.check("#id_status input[value=held]")
    page.fill("#id_held_at", _local(timezone.now() - timedelta(hours=1)))
    page.fill("#id_minutes", "Agreed the Q1 plan; budget moves to Xiaohongshu.")
    page.get_by_role("button", name="Save meeting").click()
    page.wait_for_url(f"{live_server.url}{planned.get_absolute_url()}")

    page.goto(f"{live_server.url}/")
    assert "Lumière Skincare" not in page.locator(PANEL).inner_text()
    assert Cadence.objects.get(account=account).next_due_on > timezone.localdate() + timedelta(days=25)
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_add_another_action_item_row_as_often_as_needed(sign_in, page, live_server, console_errors):
    from accounts.models import ActionItem

    manager = UserFactory(username="li", role="account_manager")
    account = AccountFactory(account_manager=manager, name="Velo Bikes")
    sign_in("li", TEST_PASSWORD)
    page.goto(f"{live_server.url}{account.get_absolute_url()}")
    page.get_by_text("Log a meeting").click()
    for expected_rows in (4, 5):
        page.get_by_role("button", name="Add another action item").click()
        page.locator(f"#id_items-{expected_rows - 1}-title").wait_for()
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    for index in range(5):
        page.fill(f"#id_items-{index}-title", f"Follow-up {index + 1}")
        page.fill(f"#id_items-{index}-due_on", due)
    page.select_option("#id_items-4-recurrence", "weekly")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_url(f"{live_server.url}{account.get_absolute_url()}")
    assert ActionItem.objects.filter(account=account).count() == 5
    assert ActionItem.objects.get(title="Follow-up 5").recurrence == "weekly"
    assert console_errors == []
