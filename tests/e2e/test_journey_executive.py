"""Executive journey: the ROI dashboard filtered in place through htmx, a drill-down into a
campaign, and the numbers behind a chart downloaded as CSV and XLSX."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.rollups import rebuild_all
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory

DAYS = 10


def _alliance_with_facts():
    """Two advertisers with one campaign each on one publisher; Lumière spends 100 a day on Douyin
    and 50 on Weibo, Velo 400 a day on Douyin, over the last ten days."""
    publisher = AccountFactory(side="publisher", kind="kol", name="Daily Glow KOL")
    lumiere = CampaignFactory(advertiser=AccountFactory(name="Lumière Skincare"), name="Winter Glow")
    velo = CampaignFactory(advertiser=AccountFactory(name="Velo Bikes"), name="Spring Ride")
    today = timezone.localdate()
    facts = []
    for n in range(1, DAYS + 1):
        day = today - timedelta(days=n)
        for campaign, platform, spend in ((lumiere, "douyin", 100), (lumiere, "weibo", 50), (velo, "douyin", 400)):
            facts.append(DailyPerformance(
                campaign=campaign, publisher=publisher, platform=platform, day=day, impressions=10000,
                reach=8000, clicks=200, conversions=10, spend=Decimal(spend), revenue=Decimal(spend * 3)))
    DailyPerformance.objects.bulk_create(facts)
    rebuild_all()
    return lumiere


def _headline_spend(page):
    return page.locator("dd[data-kpi='spend']").inner_text()


@pytest.mark.django_db(transaction=True)
def test_executive_filters_the_dashboard_drills_down_and_exports_a_chart(
        sign_in, page, live_server, console_errors):
    UserFactory(username="wang", role="executive")
    lumiere = _alliance_with_facts()
    sign_in("wang", TEST_PASSWORD)

    page.goto(f"{live_server.url}/reports/dashboard/")
    page.locator('[data-chart="fig-trend"] .main-svg').first.wait_for()
    alliance_spend = _headline_spend(page)
    assert "5,500" in alliance_spend  # (100 + 50 + 400) x 10 days

    # Filtering swaps only the dashboard body: a marker set on the window survives.
    page.evaluate("window.journeyMarker = 'no reload'")
    page.select_option("#id_advertiser", label="Lumière Skincare")
    page.locator("dd[data-kpi='spend']", has_text="1,500").wait_for()
    assert page.evaluate("window.journeyMarker") == "no reload"
    assert re.search(rf"advertiser={lumiere.advertiser_id}", page.url)  # hx-push-url keeps it shareable
    assert "Velo Bikes" not in page.locator("#chart-by_advertiser").inner_text()
    page.locator('[data-chart="fig-by_platform"] .main-svg').first.wait_for()

    # The numbers behind the platform chart, for exactly these filters.
    section = page.locator("#chart-by_platform")
    with page.expect_download() as download_info:
        section.get_by_role("link", name="CSV").click()
    assert download_info.value.suggested_filename.startswith("roi-by_platform-")
    csv_rows = list(csv.reader(io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig"))))
    header = csv_rows[0]
    by_platform = {row[0]: dict(zip(header, row, strict=True)) for row in csv_rows[1:]}
    assert header[:5] == ["Platform", "Spend (CNY)", "Spend change %", "Revenue (CNY)", "ROI %"]
    assert set(by_platform) == {"Douyin", "Weibo"}
    assert Decimal(by_platform["Douyin"]["Spend (CNY)"]) == 1000
    assert Decimal(by_platform["Weibo"]["Revenue (CNY)"]) == 1500
    assert Decimal(by_platform["Douyin"]["ROI %"]) == 200

    with page.expect_download() as download_info:
        section.get_by_role("link", name="XLSX").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    xlsx_rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert xlsx_rows[0] == header
    assert sorted(row[0] for row in xlsx_rows[1:]) == ["Douyin", "Weibo"]
    assert sum(Decimal(str(row[1])) for row in xlsx_rows[1:]) == 1500

    # From the campaign table into the campaign's own page.
    page.locator("#table-by_campaign").get_by_title("Open the campaign page").first.click()
    page.wait_for_url(f"{live_server.url}{lumiere.get_absolute_url()}?**")
    assert "Winter Glow" in page.locator("h1").inner_text()
    assert console_errors == []
