"""Drill-down: a campaign filter, clicked rows and bars narrowing the dashboard through URLs that
keep the period (htmx pushes them so back works), and the campaign page for the chosen period."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.rollups import rebuild_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(alliance):
    """Campaign A on Douyin (100/day) and Weibo (10/day); campaign B on Douyin (40/day)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    for campaign, platform, spend in ((alliance["campaign_a"], "douyin", "100"),
                                      (alliance["campaign_a"], "weibo", "10"),
                                      (alliance["campaign_b"], "douyin", "40")):
        DailyPerformance.objects.bulk_create([
            DailyPerformance(campaign=campaign, publisher=alliance["publisher"], platform=platform,
                             day=yesterday - timedelta(days=n), impressions=1000, clicks=10, conversions=1,
                             spend=Decimal(spend), revenue=Decimal(spend) * 2)
            for n in range(10)])
    rebuild_all()
    return alliance


def test_rows_and_bars_drill_down_keeping_the_period(client, spread):
    client.force_login(spread["executive"])
    response = client.get(reverse("reports:dashboard"), {"period": "last_30"})
    platforms = next(b for b in response.context["breakdowns"] if b["name"] == "by_platform")
    assert platforms["drill"] == "/reports/dashboard/?period=last_30&platform="
    assert 'href="/reports/dashboard/?period=last_30&amp;platform=douyin"' in response.content.decode()
    assert 'hx-push-url="true"' in response.content.decode()
    assert platforms["figure"]["data"][0]["customdata"] == ["douyin", "weibo"]
    campaigns = next(b for b in response.context["breakdowns"] if b["name"] == "by_campaign")
    assert campaigns["drill"].endswith("period=last_30&campaign=")


def test_platform_then_campaign_narrows_every_number(client, spread):
    client.force_login(spread["executive"])
    data = client.get(reverse("reports:dashboard"), {"period": "last_30", "platform": "douyin",
                                                     "campaign": spread["campaign_a"].pk}).context["data"]
    assert data["headline"][0]["value"] == Decimal("1000")  # 10 days x 100 on Douyin
    assert [row["label"] for row in data["by_campaign"]] == [spread["campaign_a"].name]
    assert [row["label"] for row in data["by_platform"]] == ["Douyin"]
    assert data["by_campaign"][0]["targets"] == []  # targets are campaign-wide: not measured on a slice


def test_a_drill_down_swaps_the_whole_page_so_the_form_shows_the_filter(client, spread):
    client.force_login(spread["executive"])
    response = client.get(reverse("reports:dashboard"), {"platform": "weibo"},
                          HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard-page")
    page = response.content.decode()
    assert 'id="dashboard-page"' in page and '<option value="weibo" selected>' in page
    body = client.get(reverse("reports:dashboard"), {"platform": "weibo"},
                      HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard-body").content.decode()
    assert 'id="dashboard-page"' not in body


def test_campaign_filter_lists_only_visible_campaigns(client, spread):
    from tests.factories import CampaignFactory

    hidden = CampaignFactory(advertiser=spread["secret"], name="Hush")
    client.force_login(spread["am_a"])
    response = client.get(reverse("reports:dashboard"), {"campaign": hidden.pk})
    assert "Hush" not in response.content.decode()
    assert response.context["filters"].campaign_id is None


def test_campaign_page_shows_the_chosen_periods_trend_and_split(client, spread):
    client.force_login(spread["lead_a"])
    yesterday = timezone.localdate() - timedelta(days=1)
    url = spread["campaign_a"].get_absolute_url()
    page = client.get(url, {"start": yesterday - timedelta(days=1), "end": yesterday}).content.decode()
    assert "the period you came from" in page and "By publisher" in page and "By platform" in page
    assert "220.00" in page  # two days of 110 (Douyin and Weibo)
    assert "Douyin" in page and "Weibo" in page and "KOL One" in page
