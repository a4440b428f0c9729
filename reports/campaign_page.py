from datetime import date

from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from campaigns.fact_window import outside_by_campaign
from reports import kpis
from reports.dashboard import Filters, bucket_for, outside_dates, target_statuses
from reports.forms import DashboardFilterForm
from reports.models import Rollup
from reports.selectors import campaign_series, campaign_split, campaign_sums, platform_reach
from socialcrm.extensions import Panel
from socialcrm.visibility import hidden_publisher_ids

PERIOD_PARAMS = ("period", "start", "end")


def panels(request, campaign):
    """The campaign's KPIs against its targets over its run, or over the period the reader came
    from (the dashboard's), with that period's trend and its split by publisher and platform."""
    start, end, chosen = _period(request, campaign)
    sums = campaign_sums([campaign.pk], start, end, own_currency=True).get(campaign.pk, {})
    hidden = set(hidden_publisher_ids(request.user))
    publishers = [row for row in campaign_split(campaign, start, end, "publisher_id")
                  if row["publisher_id"] not in hidden]
    names = dict(Account.objects.filter(pk__in=[r["publisher_id"] for r in publishers]).values_list("pk", "name"))
    platforms = dict(Platform.choices)
    outside = outside_by_campaign(
        Rollup.objects.filter(grain=Rollup.Grain.CAMPAIGN, advertiser_id=campaign.advertiser_id,
                              campaign_id=campaign.pk), date.min, date.max).get(campaign.pk, [])
    context = {
        "outside": outside_dates({campaign.pk: outside}) if outside else [],
        "sums": sums, "kpis": kpis.compute_all(sums),
        "targets": target_statuses(campaign, sums),
        "has_data": bool(sums), "wide": True, "currency": campaign.currency,
        "reach_daily_sum": sums.get("reach") or 0,
        "platform_reach": platform_reach([campaign.pk], start, end, hidden_publishers=hidden),
        "start": start, "end": end, "chosen": chosen,
        "splits": [
            (_("Trend"), [_row(day, row) for day, row in campaign_series(campaign, start, end, _bucket(start, end))],
             True),
            (_("By publisher"), [_row(names.get(r["publisher_id"], "?"), r) for r in publishers], False),
            (_("By platform"), [_row(platforms.get(r["platform"], r["platform"]), r)
                                for r in campaign_split(campaign, start, end, "platform")], False),
        ],
    }
    return [Panel(_("Performance against targets"), "reports/_campaign_kpis.html", context, order=20)]


def _period(request, campaign):
    """(start, end, chosen): the dashboard's period when the link carried one, else the run."""
    if not any(request.GET.get(name) for name in PERIOD_PARAMS):
        return campaign.start_on, campaign.end_on, False
    form = DashboardFilterForm(request.GET, user=request.user)
    form.is_valid()
    filters = form.filters()
    return filters.start, filters.end, True


def _bucket(start, end):
    return bucket_for(Filters(start=start, end=end))


def _row(label, sums):
    return {"label": label, **{name: sums.get(name) or 0 for name in kpis.COUNTERS},
            **kpis.compute_all(sums)}
