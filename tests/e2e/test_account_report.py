import pytest
from django.core.management import call_command

from socialcrm.demo import DEMO_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_account_manager_opens_prints_and_schedules_an_account_report(sign_in, page, live_server, console_errors):
    call_command("seed_demo")
    sign_in("am", DEMO_PASSWORD)
    page.locator("nav.mainnav").get_by_role("link", name="Reports").click()
    assert page.locator("#report-history .status.sent").count() == 6  # the demo's send history
    page.locator("#report-accounts tr", has_text="Lumière Skincare").get_by_role("link", name="Monthly report").click()
    assert page.locator("h1").inner_text().startswith("Lumière Skincare: report")
    assert page.locator("#report-milestones [data-milestones=due]").is_visible()

    page.emulate_media(media="print")
    assert not page.locator("nav.mainnav").is_visible()
    assert not page.locator("form.report-filters").is_visible()
    assert page.locator("#report-performance").is_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Email me this report every month").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/reports/")
    assert page.locator("#report-schedules tr", has_text="Lumière Skincare").count() == 1
    assert console_errors == []
