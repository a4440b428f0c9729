"""Hostile text typed or imported by users runs nothing in a real browser."""

import pytest

from reports.tasks import rebuild_rollups
from tests.accounts.factories import MeetingFactory
from tests.crisis.factories import record_daily_facts
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory
from tests.feedback.factories import FeedbackFactory

HOSTILE = ('<img src=x onerror=alert(1)><script>alert(2)</script>'
           '<a href="javascript:alert(3)">go</a><b hx-get="/logout/" hx-trigger="load">x</b>')


@pytest.mark.django_db(transaction=True)
def test_hostile_names_minutes_feedback_and_chart_labels_run_no_script(
        sign_in, page, live_server, console_errors):
    manager = UserFactory(role="account_manager", username="am_xss")
    account = AccountFactory(account_manager=manager, name=f"Acme {HOSTILE}")
    publisher = AccountFactory(side="publisher", kind="kol", account_manager=manager,
                               name=f"KOL {HOSTILE}")
    campaign = CampaignFactory(advertiser=account, name=f"Launch {HOSTILE}")
    campaign.publishers.add(publisher)
    record_daily_facts(campaign, 5, publisher=publisher)
    rebuild_rollups()
    MeetingFactory(account=account, minutes=HOSTILE)
    FeedbackFactory(account=account, text=HOSTILE)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    sign_in("am_xss", TEST_PASSWORD)
    for path in (account.get_absolute_url(), "/reports/dashboard/", "/reports/dashboard/?group=publisher",
                 "/feedback/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert "onerror=alert(1)" in page.content() or path.startswith("/reports/")
        assert page.url.startswith(f"{live_server.url}{path.split('?')[0]}")  # hx-get did not fire

    page.goto(f"{live_server.url}/reports/dashboard/")
    page.wait_for_selector("[data-chart] svg")  # plotly drew the chart with the hostile labels
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img[src=x], a[href^=javascript]').length") == 0
    assert console_errors == []
