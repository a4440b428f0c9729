"""Nothing hidden: every campaign, advertiser, publisher and platform of the period is on the
dashboard (sortable, paged tables), in the exports, and in the charts as top N plus "Other"."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.breakdowns import CHART_TOP, PAGE_SIZE, top_with_other
from reports.rollups import rebuild_all
from tests.factories import AccountFactory, CampaignFactory

pytestmark = pytest.mark.django_db

PUBLISHERS, CAMPAIGNS = 40, 30


@pytest.fixture
def big_alliance(alliance):
    """30 campaigns of Advertiser A carried by 40 publishers; publisher n spends n+1 per day."""
    publishers = [AccountFactory(side="publisher", kind="kol", name=f"KOL {n:02d}") for n in range(PUBLISHERS)]
    campaigns = [CampaignFactory(advertiser=alliance["adv_a"], name=f"Drive {n:02d}") for n in range(CAMPAIGNS)]
    yesterday = timezone.localdate() - timedelta(days=1)
    DailyPerformance.objects.bulk_create([
        DailyPerformance(campaign=campaigns[n % CAMPAIGNS], publisher=publisher, platform="douyin",
                         day=yesterday - timedelta(days=back), impressions=1000, clicks=10, conversions=1,
                         spend=Decimal(n + 1), revenue=Decimal(2 * (n + 1)))
        for n, publisher in enumerate(publishers) for back in range(2)
    ])
    rebuild_all()
    return {**alliance, "publishers": publishers, "campaigns": campaigns}


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_publisher_and_campaign_is_in_the_data_and_the_exports(client, big_alliance):
    client.force_login(big_alliance["executive"])
    data = client.get(reverse("reports:dashboard")).context["data"]
    assert len(data["by_publisher"]) == PUBLISHERS and len(data["by_campaign"]) == CAMPAIGNS
    publishers = csv_rows(client.get(reverse("reports:dashboard_export", args=["by_publisher", "csv"])))
    campaigns = csv_rows(client.get(reverse("reports:dashboard_export", args=["by_campaign", "csv"])))
    assert {row[0] for row in publishers[1:]} == {f"KOL {n:02d}" for n in range(PUBLISHERS)}
    assert {row[0] for row in campaigns[1:]} == {f"Drive {n:02d}" for n in range(CAMPAIGNS)}
    spend = publishers[0].index("Spend (CNY)")
    assert sum(Decimal(row[spend]) for row in publishers[1:]) == data["headline"][0]["value"]


def test_charts_show_the_top_spenders_and_an_other_bar_with_its_count(client, big_alliance):
    client.force_login(big_alliance["executive"])
    response = client.get(reverse("reports:dashboard"))
    figure = next(b["figure"] for b in response.context["breakdowns"] if b["name"] == "by_publisher")
    labels = figure["data"][0]["x"]
    assert labels[:CHART_TOP] == [f"KOL {n:02d}" for n in range(PUBLISHERS - 1, PUBLISHERS - 1 - CHART_TOP, -1)]
    assert labels[-1] == f"Other ({PUBLISHERS - CHART_TOP})" and len(labels) == CHART_TOP + 1
    other_spend = sum(2 * (n + 1) for n in range(PUBLISHERS - CHART_TOP))  # two days each
    assert figure["data"][0]["y"][-1] == other_spend
    page = response.content.decode()
    assert f"{PUBLISHERS - CHART_TOP} more are grouped in \"Other\"" in page


def test_breakdown_table_pages_through_every_row(client, big_alliance):
    client.force_login(big_alliance["executive"])
    url = reverse("reports:dashboard_table", args=["by_publisher"])
    first = client.get(url, {"sort": "label", "dir": "asc"}, HTTP_HX_REQUEST="true")
    second = client.get(url, {"sort": "label", "dir": "asc", "page": 2}, HTTP_HX_REQUEST="true")
    seen = [row["label"] for page in (first, second) for row in page.context["breakdown"]["page"]]
    assert len(first.context["breakdown"]["page"]) == PAGE_SIZE
    assert seen == [f"KOL {n:02d}" for n in range(PUBLISHERS)]
    assert "<html" not in first.content.decode() and "40 rows, all shown" in first.content.decode()
    assert "page=2" in first.content.decode()


def test_sorting_a_table_by_a_column_either_way(client, big_alliance):
    client.force_login(big_alliance["executive"])
    url = reverse("reports:dashboard_table", args=["by_campaign"])
    cheapest = client.get(url, {"sort": "spend", "dir": "asc"}).context["breakdown"]["page"][0]
    dearest = client.get(url, {"sort": "spend", "dir": "desc"}).context["breakdown"]["page"][0]
    assert cheapest["spend"] < dearest["spend"]
    page = client.get(url, {"sort": "spend"}).content.decode()  # without htmx: a page of its own
    assert "<html" in page and 'aria-sort="descending"' in page


def test_an_unknown_table_or_sort_column_is_refused_or_ignored(client, big_alliance):
    client.force_login(big_alliance["executive"])
    assert client.get(reverse("reports:dashboard_table", args=["secrets"])).status_code == 404
    response = client.get(reverse("reports:dashboard_table", args=["by_publisher"]), {"sort": "password"})
    assert response.status_code == 200 and response.context["breakdown"]["page"][0]["label"] == "KOL 39"


def test_export_follows_the_tables_sort(client, big_alliance):
    client.force_login(big_alliance["executive"])
    rows = csv_rows(client.get(reverse("reports:dashboard_export", args=["by_publisher", "csv"]),
                               {"sort": "label", "dir": "asc"}))
    assert [row[0] for row in rows[1:]] == [f"KOL {n:02d}" for n in range(PUBLISHERS)]


def test_table_of_breakdowns_requires_a_dashboard_role(client, big_alliance):
    client.force_login(big_alliance["lead_a"])
    assert client.get(reverse("reports:dashboard_table", args=["by_publisher"])).status_code == 403


def test_other_bar_sums_counters_and_derives_its_kpis():
    rows = [{"label": str(n), "spend": Decimal(n), "revenue": Decimal(2 * n), "impressions": 10, "reach": 0,
             "clicks": 1, "conversions": 0, "likes": 0, "comments": 0, "shares": 0, "follows": 0}
            for n in range(1, 13)]
    shown, grouped = top_with_other(rows, top=10)
    assert grouped == 2 and shown[-1]["spend"] == 3 and shown[-1]["roas"] == 2 and shown[-1]["is_other"]
    assert json.dumps([row["label"] for row in shown[:2]]) == '["12", "11"]'
