"""List endpoints cost the same number of queries whatever the amount of data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.rollups import rebuild_all
from tests.factories import AccountFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def add_campaigns(alliance, count):
    publisher = alliance["publisher"]
    today = timezone.localdate()
    for _ in range(count):
        campaign = CampaignFactory(advertiser=AccountFactory(account_manager=alliance["am_a"]),
                                   account_manager=alliance["am_a"])
        campaign.publishers.add(publisher)
        DailyPerformance.objects.bulk_create(
            DailyPerformance(campaign=campaign, publisher=publisher, platform="douyin",
                             day=today - timedelta(days=offset), impressions=100, clicks=5)
            for offset in range(1, 6))
    rebuild_all()


def queries(caller, name, *args, **params):
    with CaptureQueriesContext(connection) as captured:
        assert caller.get(name, *args, **params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("name", "params"), [
    ("api:campaign_list", {}),
    ("api:rollups", {"dimension": "campaign", "grain": "day"}),
    ("api:rollups", {"dimension": "publisher", "grain": "week"}),
])
@pytest.mark.parametrize("role", ["admin", "am_a"])
def test_query_count_does_not_grow_with_data(api, alliance, name, params, role):
    caller = api(alliance[role])
    add_campaigns(alliance, 2)
    few = queries(caller, name, **params)
    add_campaigns(alliance, 12)
    assert queries(caller, name, **params) == few


def test_campaign_detail_query_count_does_not_grow_with_targets_and_publishers(api, alliance):
    caller = api(alliance["admin"])
    campaign = alliance["campaign_a"]
    few = queries(caller, "api:campaign_detail", campaign.pk)
    for _ in range(5):
        campaign.publishers.add(AccountFactory(side="publisher", kind="kol"))
    for kpi in ("ctr", "cvr", "cpc"):
        campaign.kpi_targets.create(kpi=kpi, target=1, at_risk_threshold=1)
    assert queries(caller, "api:campaign_detail", campaign.pk) == few
