"""Enter in a filter applies it in place: htmx swaps the results, the URL follows, no reload."""

import pytest

from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_enter_in_the_feedback_search_and_dashboard_dates_applies_without_a_reload(sign_in, page, live_server,
                                                                                 console_errors):
    manager = UserFactory(username="am_enter", role="account_manager")
    AccountFactory(account_manager=manager, name="Harbor Coffee")
    UserFactory(username="exec_enter", role="executive")
    sign_in("am_enter", TEST_PASSWORD)
    page.goto(f"{live_server.url}/feedback/")
    page.evaluate("window.__samePage = true")
    page.fill("input[name=q]", "late delivery")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=late%20delivery**")
    assert page.evaluate("window.__samePage") is True

    page.context.clear_cookies()
    sign_in("exec_enter", TEST_PASSWORD)
    page.goto(f"{live_server.url}/reports/dashboard/")
    page.evaluate("window.__samePage = true")
    page.fill("#id_start", "2026-01-01")
    page.press("#id_start", "Enter")
    page.wait_for_url("**start=2026-01-01**")
    assert page.evaluate("window.__samePage") is True
    assert "start=2026-01-01" in page.locator("#saved-view-query").get_attribute("value")
    assert console_errors == []
