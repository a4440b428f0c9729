"""Reads of performance numbers. Dashboards, panels and rules call these, never the fact table.

Everything here reads rollups (reports.rollups), so its cost depends on the date range and the
number of keys shown, not on how many facts exist. A date range is tiled by whole months, weeks
and days (reports.periods.cover) so a long range reads few rows.
"""

from django.db.models import Q, Sum

from reports.kpis import COUNTERS
from reports.models import Rollup
from reports.periods import DAY, MONTH, PERIODS, WEEK, cover, period_start
from socialcrm.visibility import accounts_visible_to

SUMS = {name: Sum(name) for name in COUNTERS}


def campaign_sums(campaign_ids, start, end):
    """{campaign_id: {counter: sum}} over [start, end] for the given campaigns."""
    rows = (
        Rollup.objects.filter(grain=Rollup.Grain.CAMPAIGN, campaign_id__in=list(campaign_ids))
        .filter(covering(start, end))
        .values("campaign_id")
        .annotate(**SUMS)
    )
    return {row.pop("campaign_id"): row for row in rows}


def covering(start, end, periods=PERIODS):
    """A filter selecting the rollup rows that tile [start, end] exactly."""
    query = Q(pk__in=[])
    for period, starts in cover(start, end, periods).items():
        if starts:
            query |= Q(period=period, period_start__in=starts)
    return query


def visible_advertiser_ids(user):
    """The advertisers whose numbers this user may read, as a sorted list (also a cache key)."""
    return sorted(accounts_visible_to(user).advertisers().values_list("pk", flat=True))


def rollups(grain, advertiser_ids, *, advertiser_id=None, platform="", publisher_id=None):
    """Rollup rows of one grain for these advertisers, narrowed by the dashboard filters."""
    rows = Rollup.objects.filter(grain=grain, advertiser_id__in=advertiser_ids)
    if advertiser_id:
        rows = rows.filter(advertiser_id=advertiser_id)
    if platform:
        rows = rows.filter(platform=platform)
    if publisher_id:
        rows = rows.filter(publisher_id=publisher_id)
    return rows


def totals(rows, start, end):
    """{counter: sum} of these rows over [start, end]."""
    sums = rows.filter(covering(start, end)).aggregate(**SUMS)
    return {name: value or 0 for name, value in sums.items()}


def breakdown(rows, start, end, key):
    """[{key: value, counter: sum...}] over [start, end], grouped by one key column."""
    return list(rows.filter(covering(start, end)).values(key).annotate(**SUMS).order_by(key))


def series(rows, start, end, bucket):
    """[(bucket start, {counter: sum})] over [start, end] in day, week or month buckets."""
    allowed = {DAY: (DAY,), WEEK: (WEEK, DAY), MONTH: PERIODS}[bucket]
    grouped = rows.filter(covering(start, end, allowed)).values("period_start").annotate(**SUMS)
    buckets = {}
    for row in grouped:
        key = period_start(bucket, row.pop("period_start"))
        into = buckets.setdefault(key, dict.fromkeys(COUNTERS, 0))
        for name in COUNTERS:
            into[name] += row[name] or 0
    return sorted(buckets.items())
