"""Rollups equal a plain recomputation from the facts, whatever the data and import order."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import DailyPerformance
from reports.kpis import COUNTERS
from reports.models import NO_KEY, Rollup
from reports.periods import PERIODS, cover, period_end, period_start
from reports.rollups import rebuild_all
from tests.factories import AccountFactory, CampaignFactory
from tests.reports.conftest import rollup_rows

FIRST_DAY = date(2026, 1, 20)
PLATFORMS = ("douyin", "weibo")

fact_keys = st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 1), st.integers(0, 75))
counters = st.tuples(
    *[st.integers(0, 10**6)] * 4,
    st.decimals(0, 10**6, places=2), st.decimals(0, 10**6, places=2),
    *[st.integers(0, 10**5)] * 4,
)
batches = st.dictionaries(fact_keys, counters, max_size=25)


@pytest.fixture
def world(db):
    advertisers = [AccountFactory(), AccountFactory()]
    publishers = [AccountFactory(side="publisher", kind="kol") for _ in range(2)]
    campaigns = [CampaignFactory(advertiser=advertisers[0]), CampaignFactory(advertiser=advertisers[0]),
                 CampaignFactory(advertiser=advertisers[1])]
    return campaigns, publishers


def records(world, batch):
    campaigns, publishers = world
    return [(campaigns[c].pk, publishers[p].pk, PLATFORMS[pl], FIRST_DAY + timedelta(days=d), *values)
            for (c, p, pl, d), values in batch.items()]


def recomputed():
    """The rollups as a plain Python sum over every fact (the definition they must match)."""
    expected = defaultdict(lambda: [0] * len(COUNTERS))
    for fact in DailyPerformance.objects.select_related("campaign"):
        keys = {
            "campaign": (fact.campaign_id, NO_KEY, ""), "advertiser": (NO_KEY, NO_KEY, ""),
            "publisher": (NO_KEY, fact.publisher_id, fact.platform), "platform": (NO_KEY, NO_KEY, fact.platform),
            "detail": (fact.campaign_id, fact.publisher_id, fact.platform),
        }
        for grain, (campaign, publisher, platform) in keys.items():
            for period in PERIODS:
                key = (grain, period, period_start(period, fact.day), fact.campaign.advertiser_id,
                       campaign, publisher, platform)
                for index, name in enumerate(COUNTERS):
                    expected[key][index] += getattr(fact, name)
    return {key: tuple(values) for key, values in expected.items()}


def normalized(rows):
    return {key: tuple(Decimal(value) for value in values) for key, values in rows.items()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=batches, second=batches)
def test_incremental_rollups_equal_recomputation_and_rebuild(world, import_facts, first, second):
    DailyPerformance.objects.all().delete()
    Rollup.objects.all().delete()

    import_facts(records(world, first))
    assert normalized(rollup_rows()) == normalized(recomputed())

    again = import_facts(records(world, first))  # re-import: nothing changes
    assert again.changed == 0
    assert normalized(rollup_rows()) == normalized(recomputed())

    import_facts(records(world, second))  # a partial import: some keys new, some corrected
    incremental = rollup_rows()
    assert normalized(incremental) == normalized(recomputed())

    rebuild_all()
    assert rollup_rows() == incremental


def test_an_import_of_one_day_rewrites_only_that_days_periods(world, import_facts):
    campaigns, publishers = world
    base = [(campaigns[0].pk, publishers[0].pk, "douyin", FIRST_DAY + timedelta(days=d), *[1] * 4,
             Decimal("1.00"), Decimal("2.00"), *[1] * 4) for d in range(60)]
    import_facts(base)
    untouched_before = set(Rollup.objects.filter(period="day").exclude(period_start=FIRST_DAY)
                           .values_list("pk", flat=True))
    changed = [(campaigns[0].pk, publishers[0].pk, "douyin", FIRST_DAY, *[5] * 4, Decimal("9.00"),
                Decimal("9.00"), *[5] * 4)]
    import_facts(changed)
    untouched_after = set(Rollup.objects.filter(period="day").exclude(period_start=FIRST_DAY)
                          .values_list("pk", flat=True))
    assert untouched_before == untouched_after  # other days' rows were not rewritten
    assert normalized(rollup_rows()) == normalized(recomputed())


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 900))
def test_cover_tiles_a_range_exactly_once(start, length):
    end = start + timedelta(days=length)
    days = []
    for period, starts in cover(start, end).items():
        for first in starts:
            assert period_start(period, first) == first
            days.extend(first + timedelta(days=n) for n in range((period_end(period, first) - first).days + 1))
    assert sorted(days) == [start + timedelta(days=n) for n in range(length + 1)]
