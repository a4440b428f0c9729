"""Executive journey: click a platform bar, then a campaign row, compare with the same period last
year, export, and find the export's totals equal to the table's; the back button undoes a step."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.presets import year_earlier
from reports.rollups import rebuild_all
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory

DAYS = 10


def _two_years_of_facts():
    """Lumière spends 100 a day on Douyin and 50 on Weibo, Velo 400 a day on Douyin, over the last
    ten days; a year earlier Lumière spent 80 a day on Douyin."""
    publisher = AccountFactory(side="publisher", kind="kol", name="Daily Glow KOL")
    lumiere = CampaignFactory(advertiser=AccountFactory(name="Lumière Skincare"), name="Winter Glow")
    velo = CampaignFactory(advertiser=AccountFactory(name="Velo Bikes"), name="Spring Ride")
    today = timezone.localdate()
    facts = []
    for n in range(1, DAYS + 1):
        day = today - timedelta(days=n)
        for campaign, platform, spend, on in ((lumiere, "douyin", 100, day), (lumiere, "weibo", 50, day),
                                              (velo, "douyin", 400, day), (lumiere, "douyin", 80, year_earlier(day))):
            facts.append(DailyPerformance(campaign=campaign, publisher=publisher, platform=platform, day=on,
                                          impressions=10000, clicks=200, conversions=10,
                                          spend=Decimal(spend), revenue=Decimal(spend * 3)))
    DailyPerformance.objects.bulk_create(facts)
    rebuild_all()
    return lumiere


def _spend(page):
    return page.locator("dd[data-kpi='spend']").inner_text()


def _click_bar(page, chart, index):
    """Click the middle of one bar of a plotly chart (plotly listens on its drag layer)."""
    bar = page.locator(f'[data-chart="{chart}"] .bars .point').nth(index)
    bar.wait_for()
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.django_db(transaction=True)
def test_executive_drills_from_a_platform_bar_to_a_campaign_and_exports_what_the_table_shows(
        sign_in, page, live_server, console_errors):
    UserFactory(username="li", role="executive")
    lumiere = _two_years_of_facts()
    sign_in("li", TEST_PASSWORD)
    page.goto(f"{live_server.url}/reports/dashboard/?period=last_30")
    page.locator('[data-chart="fig-by_platform"] .main-svg').first.wait_for()
    assert "5,500" in _spend(page)

    _click_bar(page, "fig-by_platform", 0)  # Douyin, the biggest spender
    page.wait_for_url("**platform=douyin**")
    page.locator("dd[data-kpi='spend']", has_text="5,000").wait_for()
    assert "period=last_30" in page.url
    assert page.locator("#id_platform").input_value() == "douyin"

    page.locator("#table-by_campaign").get_by_role("link", name="Winter Glow").click()
    page.wait_for_url(f"**campaign={lumiere.pk}**")
    page.locator("dd[data-kpi='spend']", has_text="1,000").wait_for()
    assert "platform=douyin" in page.url and "period=last_30" in page.url

    page.select_option("#id_compare", "last_year")
    page.wait_for_url("**compare=last_year**")
    page.locator("#table-by_campaign td", has_text="▲ 25.0 %").wait_for()  # 1,000 against 800
    assert "Same period last year" in page.locator("#id_compare option:checked").inner_text()

    section = page.locator("#chart-by_campaign")
    with page.expect_download() as download_info:
        section.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    table_spend = [cell.inner_text() for cell in
                   page.locator("#table-by_campaign tbody tr td:nth-child(3)").all()]
    exported = sum(Decimal(row[header.index("Spend (CNY)")]) for row in body)
    assert [row[0] for row in body] == ["Winter Glow"]
    assert exported == sum(Decimal(text.replace(",", "")) for text in table_spend) == 1000
    assert f"{exported:,.2f}" in _spend(page)

    page.go_back()
    page.wait_for_url(lambda url: "compare=last_year" not in url)
    page.go_back()
    page.wait_for_url(lambda url: "campaign=" not in url)
    page.locator("dd[data-kpi='spend']", has_text="5,000").wait_for()
    assert console_errors == []
