import pytest
from django.core.management import call_command

from socialcrm.demo import DEMO_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_executive_filters_the_roi_dashboard_without_a_reload(sign_in, page, live_server, console_errors):
    call_command("seed_demo")
    sign_in("exec", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/reports/dashboard/")
    page.wait_for_selector("#chart-trend .chart .main-svg")  # plotly drew the trend
    page.evaluate("window.__samePage = true")
    page.select_option("#id_platform", "douyin")
    page.wait_for_url("**platform=douyin**")
    page.wait_for_selector("#chart-by_platform .chart .main-svg")
    assert page.evaluate("window.__samePage") is True  # swapped by htmx, not reloaded
    assert page.locator("#table-by_platform table").text_content().count("Douyin") >= 1
    assert console_errors == []
