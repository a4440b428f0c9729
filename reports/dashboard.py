"""The executive ROI dashboard's numbers: totals with period-over-period change, a trend, three
breakdowns and the campaigns furthest above and below their KPI targets.

Each dimension reads the smallest rollup grain that still holds every active filter, e.g. the
advertiser grain when nothing but advertisers is filtered, the publisher grain (which is keyed
by publisher *and* platform) when a publisher is chosen. KPI targets are campaign-wide, so the
campaign ranking honours the date range and the advertiser filter only.
"""

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from campaigns.models import Campaign
from reports import kpis, selectors
from reports.models import Rollup
from reports.periods import DAY, MONTH, WEEK
from reports.rollups import current_version
from socialcrm.visibility import hidden_publisher_ids

CACHE_SECONDS = 10 * 60
RANKED_CAMPAIGNS = 5
TOP_KEYS = 15
HEADLINE = ("spend", "revenue", "roi", "roas")


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    advertiser_id: int | None = None
    platform: str = ""
    publisher_id: int | None = None

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Filters(end - timedelta(days=self.days - 1), end, self.advertiser_id,
                       self.platform, self.publisher_id)

    def narrows_below_campaigns(self):
        return bool(self.platform or self.publisher_id)


def bucket_for(filters):
    if filters.days <= 92:
        return DAY
    if filters.days <= 731:
        return WEEK
    return MONTH


def source_grain(filters):
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
                                 platform=filters.platform, publisher_id=filters.publisher_id)

    grain = source_grain(filters)
    current = selectors.totals(rows(grain), filters.start, filters.end)
    previous_filters = filters.previous()
    previous = selectors.totals(rows(grain), previous_filters.start, previous_filters.end)
    platform_grain = Rollup.Grain.PUBLISHER if filters.publisher_id else Rollup.Grain.PLATFORM
    return {
        "headline": headline(current, previous),
        "previous": previous_filters,
        "trend": trend(selectors.series(rows(grain), filters.start, filters.end, bucket_for(filters))),
        "by_platform": by_platform(rows(platform_grain), filters),
        "by_advertiser": by_account(rows(grain), filters, "advertiser_id"),
        "by_publisher": by_account(rows(Rollup.Grain.PUBLISHER).exclude(publisher_id__in=hidden_publishers),
                                   filters, "publisher_id"),
        "campaigns": ranked_campaigns(advertiser_ids, filters),
    }


def headline(current, previous):
    now, before = kpis.compute_all(current), kpis.compute_all(previous)
    values = {"spend": current["spend"], "revenue": current["revenue"],
              "roi": now["roi"], "roas": now["roas"]}
    earlier = {"spend": previous["spend"], "revenue": previous["revenue"],
               "roi": before["roi"], "roas": before["roas"]}
    labels = {"spend": _("Spend"), "revenue": _("Revenue"), "roi": _("ROI"), "roas": _("ROAS")}
    return [
        {"code": code, "label": labels[code], "value": values[code], "previous": earlier[code],
         "change": kpis.change(values[code], earlier[code])}
        for code in HEADLINE
    ]


def trend(buckets):
    return [_row(bucket, sums) for bucket, sums in buckets]


def by_platform(rows, filters):
    labels = dict(Platform.choices)
    found = selectors.breakdown(rows, filters.start, filters.end, "platform")
    return _ranked([_row(labels.get(r["platform"], r["platform"]), r) for r in found])


def by_account(rows, filters, key):
    found = selectors.breakdown(rows, filters.start, filters.end, key)
    found = sorted(found, key=lambda r: r["spend"] or 0, reverse=True)[:TOP_KEYS]
    names = dict(Account.objects.filter(pk__in=[r[key] for r in found]).values_list("pk", "name"))
    return [_row(names.get(r[key], "?"), r) for r in found]


def ranked_campaigns(advertiser_ids, filters):
    """The best and worst campaigns by ROI in the range, each measured against its KPI targets."""
    rows = selectors.rollups(Rollup.Grain.CAMPAIGN, advertiser_ids, advertiser_id=filters.advertiser_id)
    found = [r for r in selectors.breakdown(rows, filters.start, filters.end, "campaign_id") if r["spend"]]
    found.sort(key=lambda r: kpis.compute("roi", r), reverse=True)
    chosen = found[:RANKED_CAMPAIGNS] + found[max(RANKED_CAMPAIGNS, len(found) - RANKED_CAMPAIGNS):]
    campaigns = Campaign.objects.filter(pk__in=[r["campaign_id"] for r in chosen]).select_related(
        "advertiser").prefetch_related("kpi_targets")
    by_pk = {campaign.pk: campaign for campaign in campaigns}
    ranked = [_campaign_row(by_pk[r["campaign_id"]], r) for r in chosen if r["campaign_id"] in by_pk]
    return {"top": ranked[:RANKED_CAMPAIGNS], "bottom": ranked[RANKED_CAMPAIGNS:][::-1],
            "partial_filters": filters.narrows_below_campaigns()}


def target_statuses(campaign, sums):
    """[{kpi, label, unit, value, target, status}] for each KPI target of the campaign."""
    values = kpis.compute_all(sums)
    result = []
    for target in campaign.kpi_targets.all():
        kpi = kpis.KPIS[target.kpi][0]
        value = values[target.kpi]
        result.append({"kpi": target.kpi, "label": kpi.label, "unit": kpi.unit, "value": value,
                       "direction": target.get_direction_display(), "target": target.target,
                       "at_risk": target.at_risk_threshold, "status": target.status_of(value)})
    return result


def _campaign_row(campaign, sums):
    statuses = target_statuses(campaign, sums)
    return {**_row(campaign.name, sums), "url": campaign.get_absolute_url(), "advertiser": campaign.advertiser.name,
            "targets": statuses, "met": sum(1 for s in statuses if s["status"] == "met")}


def _row(label, sums):
    filled = {name: sums.get(name) or 0 for name in kpis.COUNTERS}
    return {"label": label, **filled, **kpis.compute_all(filled)}


def _ranked(rows):
    return sorted(rows, key=lambda row: row["spend"], reverse=True)


def _filters_key(filters):
    return hashlib.sha256(repr(sorted(asdict(filters).items())).encode()).hexdigest()[:16]
