"""An account manager's portfolio: their advertisers' last 30 days against the 30 before, and
their open campaigns against KPI targets. Reads rollups only."""

from datetime import timedelta

from accounts.cadence_health import with_next_cadence_due
from accounts.models import Account
from campaigns.models import Campaign
from campaigns.projection import attach_projections
from reports import kpis, selectors
from reports.dashboard import target_statuses
from reports.models import Rollup
from socialcrm.visibility import campaigns_visible_to

WINDOW_DAYS = 30
SHOWN_STATUSES = (Campaign.Status.LIVE, Campaign.Status.PAUSED, Campaign.Status.FINISHED)


def windows(today):
    """(current, previous) 30-day windows ending yesterday (today's numbers are incomplete)."""
    end = today - timedelta(days=1)
    start = end - timedelta(days=WINDOW_DAYS - 1)
    previous_end = start - timedelta(days=1)
    return (start, end), (previous_end - timedelta(days=WINDOW_DAYS - 1), previous_end)


def portfolio_for(user, today):
    advertiser_ids = selectors.visible_advertiser_ids(user)
    current, previous = windows(today)
    rows = selectors.rollups(Rollup.Grain.ADVERTISER, advertiser_ids)
    now = {r["advertiser_id"]: r for r in selectors.breakdown(rows, *current, "advertiser_id")}
    before = {r["advertiser_id"]: r for r in selectors.breakdown(rows, *previous, "advertiser_id")}
    advertisers = user_advertisers(advertiser_ids)
    return {
        "current": current, "previous": previous,
        "advertisers": [_advertiser_row(a, now.get(a.pk, {}), before.get(a.pk, {})) for a in advertisers],
        "campaigns": campaign_rows(user, current),
    }


def user_advertisers(advertiser_ids):
    """The advertisers, each with `next_cadence_due` (the cadence health column)."""
    return with_next_cadence_due(
        Account.objects.filter(pk__in=advertiser_ids, archived_at__isnull=True)).order_by("name")


def campaign_rows(user, window):
    campaigns = attach_projections(
        campaigns_visible_to(user).filter(status__in=SHOWN_STATUSES, archived_at__isnull=True)
        .select_related("advertiser").prefetch_related("kpi_targets").order_by("advertiser__name", "name")
    )
    sums = selectors.campaign_sums([c.pk for c in campaigns], *window)
    return [
        {"campaign": c, "sums": sums.get(c.pk, {}), "kpis": kpis.compute_all(sums.get(c.pk, {})),
         "targets": target_statuses(c, sums.get(c.pk, {}))}
        for c in campaigns
    ]


def _advertiser_row(advertiser, now, before):
    now_kpis, before_kpis = kpis.compute_all(now), kpis.compute_all(before)
    spend, revenue = now.get("spend") or 0, now.get("revenue") or 0
    return {
        "advertiser": advertiser, "spend": spend, "revenue": revenue, "roi": now_kpis["roi"],
        "spend_change": kpis.change(spend, before.get("spend") or 0),
        "revenue_change": kpis.change(revenue, before.get("revenue") or 0),
        "roi_before": before_kpis["roi"],
    }
