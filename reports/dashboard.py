"""The executive ROI dashboard's numbers: totals with period-over-period change, a trend and four
breakdowns (platform, advertiser, publisher, campaign), each holding *every* key of the period:
nothing is cut here; charts group the tail into an "Other" bar (reports.charts) and tables page.

Each dimension reads the smallest rollup grain that still holds every active filter, e.g. the
advertiser grain when nothing but advertisers is filtered, the publisher grain (which is keyed
by publisher *and* platform) when a publisher is chosen. KPI targets are campaign-wide, so the
campaign ranking honours the date range and the advertiser filter only.
"""

import hashlib
from dataclasses import asdict, dataclass, replace
from datetime import date

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from campaigns.fact_window import outside_by_campaign
from campaigns.models import Campaign, KpiTarget
from reports import kpis, selectors
from reports.currencies import missing_rates, reporting_currency
from reports.models import Rollup
from reports.periods import DAY, MONTH, WEEK, ranges_of
from reports.presets import previous_range
from reports.rollups import current_version
from socialcrm.visibility import hidden_publisher_ids

CACHE_SECONDS = 10 * 60
HEADLINE = ("spend", "revenue", "roi", "roas", "conversions", "cpa", "ctr", "cpc", "engagement_rate",
            "follower_growth")
SHORT_HEADLINE = ("spend", "revenue", "roi", "roas")


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    advertiser_id: int | None = None
    platform: str = ""
    publisher_id: int | None = None
    campaign_id: int | None = None
    compare_start: date | None = None  # None: the period just before
    compare_end: date | None = None

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period this one is compared with (by default the one just before it)."""
        if self.compare_start and self.compare_end:
            start, end = self.compare_start, self.compare_end
        else:
            start, end = previous_range(self.start, self.end)
        return replace(self, start=start, end=end, compare_start=None, compare_end=None)

    def narrows_below_campaigns(self):
        return bool(self.platform or self.publisher_id)


def bucket_for(filters):
    """Daily bars up to a month, weekly up to half a year, monthly beyond: a readable number."""
    if filters.days <= 31:
        return DAY
    if filters.days <= 184:
        return WEEK
    return MONTH


def source_grain(filters):
    if filters.campaign_id:
        return Rollup.Grain.DETAIL if filters.narrows_below_campaigns() else Rollup.Grain.CAMPAIGN
    if filters.publisher_id:
        return Rollup.Grain.PUBLISHER
    if filters.platform:
        return Rollup.Grain.PLATFORM
    return Rollup.Grain.ADVERTISER


def dashboard(user, filters):
    """Everything the page shows, cached per rollup version, visible advertisers and filters."""
    advertiser_ids = selectors.visible_advertiser_ids(user)
    hidden_publishers = hidden_publisher_ids(user)
    scope = hashlib.sha256(f"{advertiser_ids}{hidden_publishers}".encode()).hexdigest()[:16]
    key = f"reports:dashboard:{current_version()}:{scope}:{_filters_key(filters)}"
    data = cache.get_or_set(key, lambda: build(advertiser_ids, filters, hidden_publishers), CACHE_SECONDS)
    return {**data, "cache_key": key}


def build(advertiser_ids, filters, hidden_publishers=()):
    """The numbers for these advertisers; a confidential publisher the reader may not see is left
    out of the by-publisher breakdown (its spend still counts in the advertiser totals)."""
    def rows(grain):
        return selectors.rollups(grain, advertiser_ids, advertiser_id=filters.advertiser_id,
                                 platform=filters.platform, publisher_id=filters.publisher_id,
                                 campaign_id=filters.campaign_id)

    grain = source_grain(filters)
    current = selectors.totals(rows(grain), filters.start, filters.end)
    previous_filters = filters.previous()
    previous = selectors.totals(rows(grain), previous_filters.start, previous_filters.end)
    platform_grain = Rollup.Grain.PUBLISHER if filters.publisher_id else Rollup.Grain.PLATFORM
    publisher_grain = Rollup.Grain.PUBLISHER
    campaign_grain = Rollup.Grain.DETAIL if filters.narrows_below_campaigns() else Rollup.Grain.CAMPAIGN
    if filters.campaign_id:
        platform_grain = publisher_grain = Rollup.Grain.DETAIL
    shown_advertisers = [filters.advertiser_id] if filters.advertiser_id else advertiser_ids

    def both(breakdown):
        """A breakdown of the period with each row's change against the compared period."""
        return with_changes(breakdown(filters), breakdown(previous_filters))

    outside = outside_by_campaign(
        selectors.rollups(Rollup.Grain.CAMPAIGN, advertiser_ids, advertiser_id=filters.advertiser_id,
                          campaign_id=filters.campaign_id), filters.start, filters.end)
    return {
        "outside_dates": outside_dates(outside),
        "currency": reporting_currency(),
        "missing_rates": missing_rates([pk for pk in shown_advertisers if pk in advertiser_ids],
                                       [(filters.start, filters.end), (previous_filters.start, previous_filters.end)]),
        "headline": headline(current, previous),
        "previous": previous_filters,
        "trend": trend(selectors.series(rows(grain), filters.start, filters.end, bucket_for(filters))),
        "by_platform": both(lambda window: by_platform(rows(platform_grain), window)),
        "by_advertiser": both(lambda window: by_account(rows(grain), window, "advertiser_id")),
        "by_publisher": both(lambda window: by_account(
            rows(publisher_grain).exclude(publisher_id__in=hidden_publishers), window, "publisher_id")),
        "by_campaign": flag_outside(both(lambda window: by_campaign(rows(campaign_grain), window)), outside),
        "campaigns_ignore_filters": filters.narrows_below_campaigns(),
        "platform_reach": platform_reach_of(advertiser_ids, filters, hidden_publishers),
    }


def platform_reach_of(advertiser_ids, filters, hidden_publishers):
    """The period reach platforms reported for the chosen campaign (selectors.platform_reach):
    shown only for one campaign, since reach of several cannot be combined."""
    if not filters.campaign_id:
        return []
    visible = Campaign.objects.filter(pk=filters.campaign_id, advertiser_id__in=advertiser_ids).values_list(
        "pk", flat=True)
    return selectors.platform_reach(list(visible), filters.start, filters.end, publisher_id=filters.publisher_id,
                                    platform=filters.platform, hidden_publishers=hidden_publishers)


def flag_outside(rows, outside):
    """Each campaign row with how many of its days in the period fall outside its dates."""
    for row in rows:
        row["outside_days"] = len(outside.get(row["key"], []))
    return rows


def outside_dates(outside):
    """[{campaign, url, ranges}] for the page's warning about facts outside campaign dates."""
    campaigns = Campaign.objects.filter(pk__in=list(outside)).order_by("name")
    return [{"campaign": campaign.name, "url": campaign.get_absolute_url(),
             "start_on": campaign.start_on, "end_on": campaign.end_on, "ranges": ranges_of(outside[campaign.pk])}
            for campaign in campaigns]


def with_changes(rows, earlier_rows):
    """Each row with `spend_change` (relative) and `roi_change` (percentage points) against the
    same key's row of the compared period (None where that key had no numbers then)."""
    earlier = {row["key"]: row for row in earlier_rows}
    for row in rows:
        before = earlier.get(row["key"])
        row["spend_change"] = kpis.change(row["spend"], before["spend"]) if before else None
        row["roi_change"] = (row["roi"] - before["roi"]
                             if before and row["roi"] is not None and before["roi"] is not None else None)
    return rows


def headline(current, previous, codes=HEADLINE):
    """[{code, label, value, previous, change}] of counters and KPIs, now against before."""
    values = {**current, **kpis.compute_all(current)}
    earlier = {**previous, **kpis.compute_all(previous)}
    labels = {"spend": _("Spend"), "revenue": _("Revenue"), "conversions": _("Conversions"),
              **{code: kpi.label for code, (kpi, _fn) in kpis.KPIS.items()}}
    return [
        {"code": code, "label": labels[code], "value": values[code], "previous": earlier[code],
         "change": kpis.change(values[code], earlier[code])}
        for code in codes
    ]


def trend(buckets):
    return [_row(bucket, sums) for bucket, sums in buckets]


def by_platform(rows, filters):
    labels = dict(Platform.choices)
    found = selectors.breakdown(rows, filters.start, filters.end, "platform")
    return _ranked([{**_row(labels.get(r["platform"], r["platform"]), r), "key": r["platform"]}
                    for r in found])


def by_account(rows, filters, key):
    """Every advertiser or publisher with numbers in the period, biggest spend first."""
    found = selectors.breakdown(rows, filters.start, filters.end, key)
    names = dict(Account.objects.filter(pk__in=[r[key] for r in found]).values_list("pk", "name"))
    return _ranked([{**_row(names.get(r[key], "?"), r), "key": r[key]} for r in found])


def by_campaign(rows, filters):
    """Every campaign with numbers in the period, best ROI first. KPI targets are campaign-wide,
    so they are measured only when no platform or publisher narrows the campaign's numbers."""
    found = selectors.breakdown(rows, filters.start, filters.end, "campaign_id")
    campaigns = Campaign.objects.filter(pk__in=[r["campaign_id"] for r in found]).select_related(
        "advertiser").prefetch_related("kpi_targets")
    by_pk = {campaign.pk: campaign for campaign in campaigns}
    whole = not filters.narrows_below_campaigns()
    ranked = [_campaign_row(by_pk[r["campaign_id"]], r, with_targets=whole) for r in found if r["campaign_id"] in by_pk]
    return sorted(ranked, key=_by_roi_best_first)


def _by_roi_best_first(row):
    return (row["roi"] is None, -(row["roi"] or 0), row["label"])


def target_statuses(campaign, sums):
    """[{kpi, label, unit, value, target, status}] for each KPI target of the campaign, measured
    in the campaign's own currency (its targets are) when the sums carry it."""
    values = kpis.compute_all(selectors.in_own_currency(sums) if "native_spend" in sums else sums)
    result = []
    for target in campaign.kpi_targets.all():
        kpi = kpis.KPIS[target.kpi][0]
        value = values[target.kpi]
        result.append({"kpi": target.kpi, "label": kpi.label, "unit": kpi.unit, "value": value,
                       # lazy: the dashboard's data is cached across languages, the label is
                       # worded when shown (a cached English "at least" in Chinese was the bug)
                       "direction": KpiTarget.Direction(target.direction).label, "target": target.target,
                       "at_risk": target.at_risk_threshold, "status": target.status_of(value)})
    return result


def _campaign_row(campaign, sums, with_targets=True):
    statuses = target_statuses(campaign, sums) if with_targets else []
    return {**_row(campaign.name, sums), "key": campaign.pk, "url": campaign.get_absolute_url(),
            "advertiser": campaign.advertiser.name, "targets": statuses, "met": sum(1 for s in statuses if s["status"] == "met")}


def _row(label, sums):
    filled = {name: sums.get(name) or 0 for name in kpis.COUNTERS}
    return {"label": label, **filled, **kpis.compute_all(filled)}


def _ranked(rows):
    return sorted(rows, key=lambda row: (-row["spend"], str(row["label"])))


def _filters_key(filters):
    return hashlib.sha256(repr(sorted(asdict(filters).items())).encode()).hexdigest()[:16]
