import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DailyPerformance, KpiTarget
from reports.rollups import rebuild_all
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def add_facts(campaign, publisher, days, *, platform="douyin", spend="100.00", revenue="250.00"):
    today = timezone.localdate()
    DailyPerformance.objects.bulk_create([
        DailyPerformance(campaign=campaign, publisher=publisher, platform=platform,
                         day=today - timedelta(days=1 + n), impressions=1000, clicks=20, conversions=2,
                         spend=Decimal(spend), revenue=Decimal(revenue), likes=5, comments=1, shares=1)
        for n in range(days)
    ])


@pytest.fixture
def performing(alliance):
    secret_campaign = CampaignFactory(advertiser=alliance["secret"], name="Hush Launch",
                                      project_lead=alliance["lead_b"])
    for campaign in (alliance["campaign_a"], alliance["campaign_b"], secret_campaign):
        add_facts(campaign, alliance["publisher"], 40)
    KpiTarget.objects.create(campaign=alliance["campaign_a"], kpi="roi", target=Decimal("200"),
                             at_risk_threshold=Decimal("120"))
    rebuild_all()
    return alliance


def test_dashboard_shows_spend_revenue_roi_against_the_previous_period(client, performing):
    client.force_login(performing["executive"])
    today = timezone.localdate()
    start, end = today - timedelta(days=20), today - timedelta(days=1)
    response = client.get(reverse("reports:dashboard"), {"start": start, "end": end})
    headline = {item["code"]: item for item in response.context["data"]["headline"]}
    assert headline["spend"]["value"] == Decimal("6000.00")  # 3 campaigns x 20 days x 100
    assert headline["revenue"]["value"] == Decimal("15000.00")
    assert headline["roi"]["value"] == Decimal("150") and headline["roas"]["value"] == Decimal("2.5")
    assert headline["spend"]["previous"] == Decimal("6000.00") and headline["spend"]["change"] == 0
    page = response.content.decode()
    assert "Hush Launch" in page and 'data-chart="fig-trend"' in page and "+150.0 %" in page


def test_filters_apply_through_htmx_without_a_full_page(client, performing):
    client.force_login(performing["executive"])
    response = client.get(reverse("reports:dashboard"), {"advertiser": performing["adv_a"].pk},
                          HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and 'data-chart="fig-by_advertiser"' in page
    assert [row["label"] for row in response.context["data"]["by_advertiser"]] == ["Advertiser A"]


def test_platform_and_publisher_filters_narrow_every_breakdown(client, performing):
    add_facts(performing["campaign_a"], performing["publisher"], 10, platform="weibo", spend="7.00")
    rebuild_all()
    client.force_login(performing["admin"])
    data = client.get(reverse("reports:dashboard"), {"platform": "weibo",
                                                     "publisher": performing["publisher"].pk}).context["data"]
    assert data["headline"][0]["value"] == Decimal("70.00")
    assert [row["label"] for row in data["by_platform"]] == ["Weibo"]
    assert data["campaigns_ignore_filters"] is True


def test_analyst_never_sees_a_confidential_advertiser(client, performing):
    client.force_login(performing["analyst"])
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Secret Brand" not in page and "Hush Launch" not in page
    export = client.get(reverse("reports:dashboard_export", args=["by_advertiser", "csv"]))
    assert "Secret Brand" not in export.content.decode("utf-8-sig")
    forged = client.get(reverse("reports:dashboard"), {"advertiser": performing["secret"].pk})
    assert "Secret Brand" not in forged.content.decode()
    assert forged.context["data"]["headline"][0]["value"] == Decimal("8000.00")  # A and B only, 40 days


def test_account_manager_sees_only_their_accounts(client, performing):
    client.force_login(performing["am_a"])
    data = client.get(reverse("reports:dashboard")).context["data"]
    assert [row["label"] for row in data["by_advertiser"]] == ["Advertiser A"]
    assert [row["label"] for row in data["by_campaign"]] == [performing["campaign_a"].name]


def test_every_chart_downloads_as_csv_and_xlsx(client, performing):
    client.force_login(performing["executive"])
    for table in ("trend", "by_platform", "by_advertiser", "by_publisher", "by_campaign"):
        response = client.get(reverse("reports:dashboard_export", args=[table, "csv"]))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert response.status_code == 200 and len(rows) > 1, table
        xlsx = client.get(reverse("reports:dashboard_export", args=[table, "xlsx"]))
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/reports/dashboard/secrets.csv").status_code == 404


def test_ranking_shows_kpi_status_against_targets(client, performing):
    client.force_login(performing["executive"])
    data = client.get(reverse("reports:dashboard")).context["data"]
    row = next(r for r in data["by_campaign"] if r["label"] == performing["campaign_a"].name)
    assert row["targets"][0]["status"] == "at_risk"  # ROI 1.5 against a target of 2, at risk below 1.2


def test_dashboard_query_count_is_the_same_with_10_and_1000_facts(client, alliance):
    client.force_login(alliance["executive"])

    for campaign in (alliance["campaign_a"], alliance["campaign_b"]):  # every fact inside its dates
        campaign.start_on = timezone.localdate() - timedelta(days=600)
        campaign.save()

    def queries_with(days):
        DailyPerformance.objects.all().delete()
        add_facts(alliance["campaign_a"], alliance["publisher"], days)
        add_facts(alliance["campaign_b"], alliance["publisher"], days, platform="weibo")
        rebuild_all()
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports:dashboard"), {"start": timezone.localdate() - timedelta(days=700)})
        assert response.status_code == 200
        assert DailyPerformance.objects.count() == 2 * days
        return len(queries)

    queries_with(5)  # warm the session and content-type caches
    assert queries_with(5) == queries_with(500)


def test_home_panel_compares_the_last_30_days_with_the_30_before(client, performing):
    client.force_login(performing["executive"])
    page = client.get(reverse("home")).content.decode()
    assert "Return on investment, last 30 days" in page and "9,000.00" in page  # 3 x 30 x 100


def test_campaign_page_shows_kpis_against_targets(client, performing):
    client.force_login(performing["lead_a"])
    page = client.get(performing["campaign_a"].get_absolute_url()).content.decode()
    assert "Performance against targets" in page and "At risk" in page


def test_portfolio_lists_the_account_managers_advertisers(client, performing):
    client.force_login(performing["am_b"])
    page = client.get(reverse("reports:portfolio")).content.decode()
    assert "Advertiser B" in page and "Secret Brand" in page and "Advertiser A" not in page
