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
NATIVE = {"native_spend": Sum("native_spend"), "native_revenue": Sum("native_revenue")}


def campaign_sums(campaign_ids, start, end, *, own_currency=False):
    """{campaign_id: {counter: sum}} over [start, end] for the given campaigns.

    Money is in the reporting currency, or with `own_currency` in each campaign's own currency
    (what its budget and KPI targets are in)."""
    rows = (
        Rollup.objects.filter(grain=Rollup.Grain.CAMPAIGN, campaign_id__in=list(campaign_ids))
        .filter(covering(start, end))
        .values("campaign_id")
        .annotate(**SUMS, **NATIVE)
    )
    return {row.pop("campaign_id"): (in_own_currency(row) if own_currency else row) for row in rows}


def in_own_currency(sums):
    """Campaign-grain sums with spend and revenue in the campaign's own currency."""
    return {**sums, "spend": sums.get("native_spend") or 0, "revenue": sums.get("native_revenue") or 0}


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


def rollups(grain, advertiser_ids, *, advertiser_id=None, platform="", publisher_id=None, campaign_id=None):
    """Rollup rows of one grain for these advertisers, narrowed by the dashboard filters."""
    rows = Rollup.objects.filter(grain=grain, advertiser_id__in=advertiser_ids)
    if campaign_id:
        rows = rows.filter(campaign_id=campaign_id)
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
    """[{key: value, counter: sum...}] over [start, end], grouped by one key column (and, for
    campaigns, money in their own currency too)."""
    extra = NATIVE if key == "campaign_id" else {}  # one campaign, one currency
    return list(rows.filter(covering(start, end)).values(key).annotate(**SUMS, **extra).order_by(key))


def campaign_split(campaign, start, end, key):
    """[{key, counter: sum...}] of one campaign over [start, end] by publisher or platform, with
    money in the campaign's own currency."""
    rows = Rollup.objects.filter(grain=Rollup.Grain.DETAIL, advertiser_id=campaign.advertiser_id,
                                 campaign_id=campaign.pk)
    found = rows.filter(covering(start, end)).values(key).annotate(**SUMS, **NATIVE).order_by(key)
    return [in_own_currency(row) for row in found]


def campaign_series(campaign, start, end, bucket):
    """[(bucket start, {counter: sum})] of one campaign, money in its own currency."""
    rows = Rollup.objects.filter(grain=Rollup.Grain.CAMPAIGN, advertiser_id=campaign.advertiser_id,
                                 campaign_id=campaign.pk)
    return [(start_day, in_own_currency(sums))
            for start_day, sums in series(rows, start, end, bucket, extra=("native_spend", "native_revenue"))]


def series(rows, start, end, bucket, extra=()):
    """[(bucket start, {counter: sum})] over [start, end] in day, week or month buckets."""
    allowed = {DAY: (DAY,), WEEK: (WEEK, DAY), MONTH: PERIODS}[bucket]
    names = (*COUNTERS, *extra)
    grouped = rows.filter(covering(start, end, allowed)).values("period_start").annotate(
        **{name: Sum(name) for name in names})
    buckets = {}
    for row in grouped:
        key = period_start(bucket, row.pop("period_start"))
        into = buckets.setdefault(key, dict.fromkeys(names, 0))
        for name in names:
            into[name] += row[name] or 0
    return sorted(buckets.items())


def platform_reach(campaign_ids, start, end, *, publisher_id=None, platform="", hidden_publishers=()):
    """[{campaign, publisher, platform, start_on, end_on, reach, exact}] of the reach platforms
    reported for whole periods overlapping [start, end] (campaigns.PeriodReach), each with its own
    period (`exact` when it is [start, end] itself). Never summed: reach does not add up across
    days, publishers or platforms. Read by campaign (indexed), whatever the number of facts."""
    from accounts.models import Platform
    from campaigns.models import PeriodReach

    rows = (PeriodReach.objects.filter(campaign_id__in=list(campaign_ids), start_on__lte=end, end_on__gte=start)
            .exclude(publisher_id__in=list(hidden_publishers)).select_related("campaign", "publisher")
            .order_by("campaign__name", "publisher__name", "platform", "start_on", "end_on"))
    if publisher_id:
        rows = rows.filter(publisher_id=publisher_id)
    if platform:
        rows = rows.filter(platform=platform)
    labels = dict(Platform.choices)
    return [{"campaign": row.campaign.name, "publisher": row.publisher.name, "publisher_id": row.publisher_id,
             "platform_code": row.platform,
             "platform": labels.get(row.platform, row.platform), "start_on": row.start_on, "end_on": row.end_on,
             "reach": row.reach, "exact": (row.start_on, row.end_on) == (start, end)} for row in rows[:200]]
