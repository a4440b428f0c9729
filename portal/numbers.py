"""A partner's campaign numbers, read from the same rollups (reports.selectors) and KPI formulas
(reports.kpis) as the staff campaign page and dashboard, so the figures are identical.

An advertiser sees its campaign's totals, KPIs against targets and the split by platform. A
publisher sees only what is attributed to it (the campaign's rows of its own publisher id), and
its revenue, ROI and ROAS only where the advertiser's partnership allows it.
"""

from accounts.models import Platform
from reports import kpis
from reports.dashboard import target_statuses
from reports.models import Rollup
from reports.selectors import NATIVE, SUMS, campaign_split, campaign_sums, covering, in_own_currency
from socialcrm.visibility import partner_sees_revenue

REVENUE_FIGURES = ("revenue", "native_revenue", "roi", "roas")


def campaign_numbers(user, campaign, start, end):
    shows_revenue = partner_sees_revenue(user, campaign)
    if campaign.advertiser_id == user.organisation_id:
        sums = campaign_sums([campaign.pk], start, end, own_currency=True).get(campaign.pk, {})
        by_platform = campaign_split(campaign, start, end, "platform")
        targets = target_statuses(campaign, sums)
    else:
        rows = Rollup.objects.filter(grain=Rollup.Grain.DETAIL, advertiser_id=campaign.advertiser_id,
                                     campaign_id=campaign.pk, publisher_id=user.organisation_id)
        by_platform = [in_own_currency(row) for row in rows.filter(covering(start, end)).values("platform")
                       .annotate(**SUMS, **NATIVE).order_by("platform")]
        sums = {name: sum(row[name] or 0 for row in by_platform) for name in (*kpis.COUNTERS, *NATIVE)}
        sums = in_own_currency(sums) if by_platform else {}
        targets = []  # KPI targets are campaign-wide: a publisher's share is not measured against them
    labels = dict(Platform.choices)
    return {
        "has_data": bool(sums), "currency": campaign.currency, "shows_revenue": shows_revenue,
        "sums": _hide(sums, shows_revenue), "kpis": _hide(kpis.compute_all(sums), shows_revenue),
        "targets": [t for t in targets if shows_revenue or t["kpi"] not in REVENUE_FIGURES],
        "platforms": [{"label": labels.get(row["platform"], row["platform"]),
                       **_hide({**row, **kpis.compute_all(row)}, shows_revenue)} for row in by_platform],
    }


def _hide(figures, shows_revenue):
    return figures if shows_revenue else {k: v for k, v in figures.items() if k not in REVENUE_FIGURES}
