"""The monthly or weekly account report (one advertiser or publisher) and the executive monthly
report across the alliance, always built with the *reader's* visibility.

Numbers come from the rollups (reports.selectors) and KPIs from reports.kpis, so a report shows
exactly what the dashboard shows for the same period. Milestones count by their due date:

- hit: due in the period and completed on or before its due date;
- missed: due in the period and completed late, or still open once its due date has passed;
- open: due in the period, not done, and its due date has not passed yet.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.fact_window import outside_by_campaign
from campaigns.models import Milestone
from crisis.models import Incident
from feedback import analytics
from reports import kpis, selectors
from reports.currencies import reporting_currency
from reports.dashboard import by_account, outside_dates, target_statuses
from reports.models import Rollup
from reports.periods import MONTH, WEEK, period_end, period_start
from social.period_growth import follower_growth_for
from socialcrm.visibility import (
    accounts_visible_to,
    campaigns_visible_to,
    feedback_visible_to,
    get_visible_account,
    hidden_publisher_ids,
    incidents_visible_to,
)

REPORT_PERIODS = (MONTH, WEEK)
HEADLINE_KPIS = ("ctr", "cvr", "cpc", "cpa", "roi", "roas", "engagement_rate")


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # "month" or "week"
    start: date

    @property
    def end(self):
        return period_end(self.kind, self.start)

    def previous(self):
        return ReportPeriod.containing(self.kind, self.start - timedelta(days=1))

    @classmethod
    def containing(cls, kind, day):
        return cls(kind, period_start(kind, day))

    @classmethod
    def last_complete(cls, kind, today):
        """The latest month or ISO week that ended before today."""
        return cls.containing(kind, period_start(kind, today) - timedelta(days=1))

    @property
    def label(self):
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        year, week, _day = self.start.isocalendar()
        return f"{year}-W{week:02d}"


def account_report(user, account_pk, period, today=None):
    """Everything the account report shows for one account; 404 when `user` may not see it."""
    account = get_visible_account(user, account_pk)
    today = today or timezone.localdate()
    advertiser_ids = selectors.visible_advertiser_ids(user)
    campaigns = _campaigns_of(user, account)
    if account.is_advertiser:
        rows = selectors.rollups(Rollup.Grain.ADVERTISER, advertiser_ids, advertiser_id=account.pk)
        partners_title, partners = _("By publisher"), _partners(
            selectors.rollups(Rollup.Grain.PUBLISHER, advertiser_ids, advertiser_id=account.pk)
            .exclude(publisher_id__in=hidden_publisher_ids(user)), period, "publisher_id")
    else:
        rows = selectors.rollups(Rollup.Grain.PUBLISHER, advertiser_ids, publisher_id=account.pk)
        partners_title, partners = _("By advertiser"), _partners(rows, period, "advertiser_id")
    campaign_ids = [campaign.pk for campaign in campaigns]
    outside = outside_by_campaign(selectors.rollups(Rollup.Grain.CAMPAIGN, advertiser_ids).filter(
        campaign_id__in=campaign_ids), period.start, period.end)
    return {
        "kind": "account", "account": account, "period": period, "today": today,
        "performance": performance(rows, period), "outside_dates": outside_dates(outside),
        "partners_title": partners_title, "partners": partners,
        "campaigns": _campaign_rows(campaigns, selectors.campaign_sums(campaign_ids, period.start, period.end),
                                    outside),
        "campaign_numbers_are_campaign_wide": not account.is_advertiser,
        "milestones": milestone_summary(Milestone.objects.filter(campaign__in=campaign_ids), period, today),
        "follower_growth": follower_growth_for(user, period.start, period.end, advertiser_ids=[account.pk])
        if account.is_advertiser else [],
        "feedback": feedback_summary(feedback_visible_to(user).filter(account=account), period),
        "incidents": incident_summary(incidents_visible_to(user).filter(accounts=account), period),
    }


def executive_report(user, period, today=None):
    """The alliance-wide month (or week) for a reader who reads everything (checked by the view)."""
    today = today or timezone.localdate()
    advertiser_ids = selectors.visible_advertiser_ids(user)
    rows = selectors.rollups(Rollup.Grain.ADVERTISER, advertiser_ids)
    campaigns = campaigns_visible_to(user)
    outside = outside_by_campaign(selectors.rollups(Rollup.Grain.CAMPAIGN, advertiser_ids), period.start, period.end)
    return {
        "kind": "executive", "period": period, "today": today,
        "performance": performance(rows, period), "outside_dates": outside_dates(outside),
        "partners_title": _("By advertiser"), "partners": _partners(rows, period, "advertiser_id"),
        "milestones": milestone_summary(Milestone.objects.filter(campaign__in=campaigns.values("pk")),
                                        period, today),
        "feedback": feedback_summary(feedback_visible_to(user), period),
        "incidents": incident_summary(incidents_visible_to(user), period),
        "follower_growth": follower_growth_for(user, period.start, period.end),
    }


def performance(rows, period):
    """Counters and KPIs of the period, with the change against the period before."""
    previous = period.previous()
    now = selectors.totals(rows, period.start, period.end)
    before = selectors.totals(rows, previous.start, previous.end)
    now_kpis, before_kpis = kpis.compute_all(now), kpis.compute_all(before)
    currency = {"currency": reporting_currency()}
    lines = [
        {"code": code, "label": label, "unit": unit, "value": now[code], "previous": before[code],
         "change": kpis.change(now[code], before[code])}
        for code, label, unit in (("spend", _("Spend (%(currency)s)") % currency, "currency"),
                                  ("revenue", _("Revenue (%(currency)s)") % currency, "currency"),
                                  ("impressions", _("Impressions"), "count"),
                                  ("clicks", _("Clicks"), "count"), ("conversions", _("Conversions"), "count"))
    ]
    for code in HEADLINE_KPIS:
        kpi = kpis.KPIS[code][0]
        lines.append({"code": code, "label": kpi.label, "unit": kpi.unit, "value": now_kpis[code],
                      "previous": before_kpis[code], "change": kpis.change(now_kpis[code], before_kpis[code])})
    return {"sums": now, "kpis": now_kpis, "previous_period": previous, "lines": lines}


def milestone_summary(milestones, period, today):
    due = list(milestones.filter(due_on__range=(period.start, period.end))
               .select_related("campaign", "owner").order_by("due_on", "campaign__name", "sequence"))
    hit, missed, still_open = [], [], []
    for milestone in due:
        outcome = milestone_outcome(milestone, today)
        {"hit": hit, "missed": missed, "open": still_open}[outcome].append(milestone)
    return {"hit": hit, "missed": missed, "open": still_open, "due": len(due)}


def milestone_outcome(milestone, today):
    if milestone.status == Milestone.Status.DONE and milestone.completed_at is not None:
        finished_on = timezone.localdate(milestone.completed_at)
        return "hit" if finished_on <= milestone.due_on else "missed"
    if milestone.status == Milestone.Status.DONE:
        return "hit"  # done without a recorded completion time: nothing shows it was late
    return "missed" if milestone.due_on < today else "open"


def feedback_summary(feedback, period):
    received = feedback.filter(received_at__date__range=(period.start, period.end))
    return {**analytics.summary(received), "topics": analytics.top_topics(received, limit=5, sample=500)}


def incident_summary(incidents, period):
    """Incidents open at any time during the period, with the count of those detected in it."""
    active = (incidents.filter(detected_at__date__lte=period.end)
              .filter(Q(resolved_at__isnull=True) | Q(resolved_at__date__gte=period.start))
              .select_related("owner").order_by("-detected_at"))
    listed = list(active[:50])
    counts = active.aggregate(total=Count("pk"),
                              new=Count("pk", filter=Q(detected_at__date__gte=period.start)),
                              still_open=Count("pk", filter=~Q(status__in=CLOSED_STATUSES)))
    return {"incidents": listed, **counts}


CLOSED_STATUSES = (Incident.Status.RESOLVED, Incident.Status.CLOSED)


def _campaigns_of(user, account):
    visible = campaigns_visible_to(user).filter(archived_at__isnull=True)
    mine = visible.filter(advertiser=account) if account.is_advertiser else visible.filter(publishers=account)
    return list(mine.select_related("advertiser").prefetch_related("kpi_targets").order_by("name"))


def _campaign_rows(campaigns, sums, outside):
    """Each campaign's numbers and targets, with how many of its days in the period fall outside
    its dates (counted in the period's numbers, flagged as on the dashboard)."""
    return [
        {"campaign": campaign, "sums": sums.get(campaign.pk, {}), "kpis": kpis.compute_all(sums.get(campaign.pk, {})),
         "targets": target_statuses(campaign, sums.get(campaign.pk, {})),
         "outside_days": len(outside.get(campaign.pk, []))}
        for campaign in campaigns
    ]


def _partners(rows, period, key):
    return by_account(rows, _Range(period.start, period.end), key)


@dataclass(frozen=True)
class _Range:
    """The (start, end) shape reports.dashboard.by_account reads from its filters."""

    start: date
    end: date


def visible_report_accounts(user):
    """The accounts whose reports this user may open, for the report list."""
    return accounts_visible_to(user).active().order_by("side", "name")

