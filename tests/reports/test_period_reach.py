"""Reach is not additive: where a platform gave the reach of a period, the campaign page and the
dashboard show it as reach, with its period, one row per publisher and platform and no total;
daily reach added up is only ever shown as "daily reach, summed"."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DailyPerformance, PeriodReach
from reports.rollups import rebuild_all
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FIRST, SECOND = TODAY - timedelta(days=3), TODAY - timedelta(days=2)


@pytest.fixture
def reached(alliance):
    """Campaign A on two publishers over two days, 1,000 daily reach each (4,000 summed); the
    platforms say 1,500 and 1,200 people were reached over the two days."""
    campaign, other = alliance["campaign_a"], AccountFactory(side="publisher", kind="kol", name="KOL Two")
    for publisher in (alliance["publisher"], other):
        for day in (FIRST, SECOND):
            DailyPerformance.objects.create(campaign=campaign, publisher=publisher, platform="douyin", day=day,
                                            impressions=5000, reach=1000, clicks=10, spend=Decimal("10"),
                                            revenue=Decimal("20"))
    PeriodReach.objects.create(campaign=campaign, publisher=alliance["publisher"], platform="douyin",
                               start_on=FIRST, end_on=SECOND, reach=1500)
    PeriodReach.objects.create(campaign=campaign, publisher=other, platform="douyin",
                               start_on=FIRST, end_on=SECOND, reach=1200)
    rebuild_all()
    return alliance


def test_campaign_page_shows_the_platforms_reach_per_period_and_never_a_sum(client, reached):
    client.force_login(reached["lead_a"])
    page = client.get(reached["campaign_a"].get_absolute_url(), {"start": FIRST, "end": SECOND}).content.decode()
    assert 'data-reach="1500"' in page and 'data-reach="1200"' in page
    assert f"{FIRST:%Y-%m-%d} – {SECOND:%Y-%m-%d}" in page
    assert "2,700" not in page and "2700" not in page  # the two publishers' reach is not added up
    assert "Daily reach, summed" in page and 'data-counter="reach_daily_sum">4,000<' in page


def test_a_period_reach_over_another_period_is_marked_so(client, reached):
    client.force_login(reached["lead_a"])
    page = client.get(reached["campaign_a"].get_absolute_url(),
                      {"start": FIRST - timedelta(days=5), "end": SECOND}).content.decode()
    assert 'data-reach="1500"' in page and "not exactly the period shown" in page


def test_dashboard_shows_period_reach_for_one_chosen_campaign_only(client, reached):
    client.force_login(reached["executive"])
    params = {"start": FIRST, "end": SECOND}
    data = client.get(reverse("reports:dashboard"), params).context["data"]
    assert data["platform_reach"] == []  # several campaigns: reach cannot be combined, none shown
    data = client.get(reverse("reports:dashboard"), {**params, "campaign": reached["campaign_a"].pk}).context["data"]
    assert sorted(row["reach"] for row in data["platform_reach"]) == [1200, 1500]
    assert all(row["exact"] for row in data["platform_reach"])
    data = client.get(reverse("reports:dashboard"), {**params, "campaign": reached["campaign_a"].pk,
                                                     "publisher": reached["publisher"].pk}).context["data"]
    assert [row["reach"] for row in data["platform_reach"]] == [1500]


def test_a_reader_who_may_not_see_the_campaign_gets_no_reach(client, reached):
    client.force_login(reached["am_b"])
    response = client.get(reverse("reports:dashboard"), {"start": FIRST, "end": SECOND,
                                                         "campaign": reached["campaign_a"].pk})
    assert response.status_code == 200 and response.context["data"]["platform_reach"] == []
    assert 'data-reach="1500"' not in response.content.decode()


def test_the_api_gives_period_reach_beside_the_daily_sum_never_one_for_the_other(client, reached):
    from api.services import create_token

    _token, secret = create_token(user=reached["executive"], name="t")
    body = client.get(reverse("api:campaign_kpis", args=[reached["campaign_a"].pk]),
                      {"start": FIRST, "end": SECOND}, headers={"Authorization": f"Bearer {secret}"}).json()
    assert body["counters"]["reach_daily_sum"] == 4000 and "reach" not in body["counters"]
    assert sorted((row["reach"], row["start_on"], row["end_on"]) for row in body["platform_reach"]) == [
        (1200, FIRST.isoformat(), SECOND.isoformat()), (1500, FIRST.isoformat(), SECOND.isoformat())]
