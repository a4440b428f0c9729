"""Warning rules: one function per rule kind, each returning the problems it finds right now.

A function takes the rule and the moment of evaluation and returns `Finding`s. It writes nothing:
`crisis.services.evaluate_rules` turns findings into signals (one open signal per dedupe key).
Performance numbers come from `reports.selectors.campaign_sums` and KPIs from `reports.kpis`,
never from the fact table directly. Each kind's parameters have defaults in `DEFAULTS`; a rule's
`parameters` override them (documented in docs/crisis.md).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Account
from campaigns.models import Campaign
from campaigns.projection import attach_projections
from crisis import signal_titles
from crisis.models import WarningRule
from feedback.models import Feedback
from reports import kpis
from reports.selectors import campaign_sums
from social import warning_rules as social_rules
from socialcrm import messages

Kind = WarningRule.Kind

DEFAULTS = {
    Kind.KPI_BELOW_TARGET: {"window_days": 7, "fire_on": "missed"},
    Kind.KPI_DROP: {"window_days": 7, "baseline_days": 28, "drop_pct": 30,
                    "kpis": ["ctr", "cvr", "engagement_rate", "cpa"], "min_impressions": 1000},
    Kind.NEGATIVE_FEEDBACK: {"window_days": 7, "baseline_days": 28, "min_count": 3, "factor": 2},
    Kind.SLA_BREACHES: {"window_days": 7, "min_count": 2},
    Kind.KEY_MILESTONE_OVERDUE: {"grace_days": 0},
    Kind.BUDGET_OVERSPEND: {"threshold_pct": 100},
    Kind.MENTION_SPIKE: social_rules.SPIKE_DEFAULTS,
    Kind.NEGATIVE_MENTIONS: social_rules.NEGATIVE_SHARE_DEFAULTS,
}
RUNNING = (Campaign.Status.LIVE, Campaign.Status.PAUSED)
UNFINISHED = (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION, Campaign.Status.LIVE,
              Campaign.Status.PAUSED)


@dataclass(frozen=True)
class Finding:
    key: str
    kind: str  # the rule's kind: with the evidence, it words the title (crisis.signal_titles)
    account: Account
    campaign: Campaign | None = None
    evidence: dict = field(default_factory=dict)
    links: list = field(default_factory=list)

    @property
    def title_data(self):
        """The title as a code and parameters, worded in each reader's language."""
        return signal_titles.title_data(self.kind, self.evidence, campaign=self.campaign or "",
                                        account=self.account)

    @property
    def title(self):
        return messages.english(self.title_data)


def parameters(rule):
    return {**DEFAULTS[rule.kind], **(rule.parameters or {})}


def evaluate(rule, now):
    """The findings of one rule at `now`."""
    return RULES[rule.kind](rule, now)


# --- performance ---------------------------------------------------------------------------


def kpi_below_target(rule, now):
    """A live campaign's KPI over the last `window_days` full days misses its target."""
    params = parameters(rule)
    end = timezone.localdate(now) - timedelta(days=1)
    start = end - timedelta(days=params["window_days"] - 1)
    campaigns = list(_campaigns_in_scope(rule, (Campaign.Status.LIVE,)).prefetch_related("kpi_targets"))
    sums = campaign_sums([campaign.pk for campaign in campaigns], start, end, own_currency=True)
    alarming = {"missed"} if params["fire_on"] == "missed" else {"missed", "at_risk"}
    findings = []
    for campaign in campaigns:
        for target in campaign.kpi_targets.all():
            value = kpis.compute(target.kpi, sums[campaign.pk]) if campaign.pk in sums else None
            status = target.status_of(value)
            if status not in alarming:
                continue
            findings.append(Finding(
                key=f"{rule.kind}:{rule.pk}:{campaign.pk}:{target.kpi}",
                account=campaign.advertiser, campaign=campaign,
                kind=rule.kind,
                evidence={"kpi": target.kpi, "value": _num(value), "status": status,
                          "target": _num(target.target), "direction": target.direction,
                          "at_risk_threshold": _num(target.at_risk_threshold),
                          "window": [start.isoformat(), end.isoformat()],
                          "sums": _jsonable_sums(sums[campaign.pk])},
                links=[_link(str(campaign), campaign.get_absolute_url())],
            ))
    return findings


def kpi_drop(rule, now):
    """A live campaign's KPI got sharply worse than its own recent baseline."""
    params = parameters(rule)
    end = timezone.localdate(now) - timedelta(days=1)
    start = end - timedelta(days=params["window_days"] - 1)
    baseline_end = start - timedelta(days=1)
    baseline_start = baseline_end - timedelta(days=params["baseline_days"] - 1)
    campaigns = list(_campaigns_in_scope(rule, (Campaign.Status.LIVE,)))
    ids = [campaign.pk for campaign in campaigns]
    recent = campaign_sums(ids, start, end, own_currency=True)
    baseline = campaign_sums(ids, baseline_start, baseline_end, own_currency=True)
    threshold = Decimal(params["drop_pct"]) / 100
    findings = []
    for campaign in campaigns:
        if campaign.pk not in recent or campaign.pk not in baseline:
            continue
        if (baseline[campaign.pk].get("impressions") or 0) < params["min_impressions"]:
            continue
        for code in params["kpis"]:
            now_value = kpis.compute(code, recent[campaign.pk])
            before = kpis.compute(code, baseline[campaign.pk])
            if now_value is None or not before or before <= 0:
                continue
            change = (now_value - before) / before
            worse = -change if kpis.KPIS[code][0].higher_is_better else change
            if worse < threshold:
                continue
            findings.append(Finding(
                key=f"{rule.kind}:{rule.pk}:{campaign.pk}:{code}",
                account=campaign.advertiser, campaign=campaign,
                kind=rule.kind,
                evidence={"kpi": code, "value": _num(now_value), "baseline": _num(before),
                          "change_pct": _num(change * 100), "drop_pct": params["drop_pct"],
                          "window": [start.isoformat(), end.isoformat()],
                          "baseline_window": [baseline_start.isoformat(), baseline_end.isoformat()]},
                links=[_link(str(campaign), campaign.get_absolute_url())],
            ))
    return findings


def budget_overspend(rule, now):
    """A running campaign has spent `threshold_pct` percent of its budget or more."""
    params = parameters(rule)
    today = timezone.localdate(now)
    campaigns = [campaign for campaign in _campaigns_in_scope(rule, RUNNING) if campaign.budget > 0]
    if not campaigns:
        return []
    first_day = min(campaign.start_on for campaign in campaigns)
    sums = campaign_sums([campaign.pk for campaign in campaigns], first_day, today, own_currency=True)
    findings = []
    for campaign in campaigns:
        spend = Decimal(sums.get(campaign.pk, {}).get("spend") or 0)
        used_pct = spend * 100 / campaign.budget
        if used_pct < params["threshold_pct"]:
            continue
        findings.append(Finding(
            key=f"{rule.kind}:{rule.pk}:{campaign.pk}",
            account=campaign.advertiser, campaign=campaign,
            kind=rule.kind,
            evidence={"spend": _num(spend), "budget": _num(campaign.budget),
                      "used_pct": _num(used_pct), "threshold_pct": params["threshold_pct"],
                      "currency": campaign.currency},
            links=[_link(str(campaign), campaign.get_absolute_url())],
        ))
    return findings


# --- delivery ------------------------------------------------------------------------------


def key_milestone_overdue(rule, now):
    """A key milestone of an unfinished campaign is past its due date and not done.

    Overdue, and what it does to the launch, come from the plan's one projection
    (campaigns.projection), so the signal says what the campaign page says.
    """
    params = parameters(rule)
    today = timezone.localdate(now)
    cutoff = today - timedelta(days=params["grace_days"])
    campaigns = attach_projections(_campaigns_in_scope(rule, UNFINISHED), today=today)
    findings = []
    for campaign in campaigns:
        if campaign.projection is None:
            continue
        for step in campaign.projection.overdue:
            milestone = step.milestone
            if not milestone.is_key or milestone.due_on >= cutoff:
                continue
            findings.append(_overdue_finding(rule, campaign, milestone, today))
    return findings


def _overdue_finding(rule, campaign, milestone, today):
    forecast = campaign.projection
    days = (today - milestone.due_on).days
    return Finding(
        key=f"{rule.kind}:{rule.pk}:{milestone.pk}",
        account=campaign.advertiser, campaign=campaign,
        kind=rule.kind,
        evidence={"milestone": milestone.name, "due_on": milestone.due_on.isoformat(),
                  "days_overdue": days, "status": milestone.status, "owner": str(milestone.owner),
                  "health": forecast.health,
                  "projected_launch_on": forecast.projected_launch_on.isoformat(),
                  "launch_slip_working_days": max(forecast.slip_working_days, 0)},
        links=[_link(str(campaign), campaign.get_absolute_url())],
    )


# --- feedback ------------------------------------------------------------------------------


def negative_feedback(rule, now):
    """Negative feedback (negative sentiment or a rating of 1-2) spikes above its own baseline."""
    params = parameters(rule)
    window_start = now - timedelta(days=params["window_days"])
    baseline_start = window_start - timedelta(days=params["baseline_days"])
    negative = Q(sentiment=Feedback.Sentiment.NEGATIVE) | Q(rating__lte=2)
    rows = (
        _feedback_in_scope(rule)
        .filter(received_at__gte=baseline_start, received_at__lte=now)
        .values("account_key")
        .annotate(
            recent=Count("pk", filter=negative & Q(received_at__gte=window_start)),
            recent_total=Count("pk", filter=Q(received_at__gte=window_start)),
            before=Count("pk", filter=negative & Q(received_at__lt=window_start)),
        )
        .filter(recent__gte=params["min_count"])
    )
    ratio = Decimal(params["window_days"]) / Decimal(params["baseline_days"])
    spikes = [row for row in rows
              if row["recent"] >= Decimal(params["factor"]) * row["before"] * ratio]
    accounts = Account.objects.in_bulk([row["account_key"] for row in spikes])
    return [
        _account_finding(
            rule, accounts[row["account_key"]],
            {"negative": row["recent"], "total": row["recent_total"],
             "baseline_negative": row["before"], "baseline_per_window": _num(row["before"] * ratio),
             "window_days": params["window_days"], "baseline_days": params["baseline_days"]},
        )
        for row in spikes
    ]


def sla_breaches(rule, now):
    """Feedback due in the last `window_days` was answered late or not at all."""
    params = parameters(rule)
    late = Q(first_response_at__isnull=True) | Q(first_response_at__gt=F("respond_by"))
    due_in_window = Q(respond_by__gte=now - timedelta(days=params["window_days"]), respond_by__lt=now)
    rows = (
        _feedback_in_scope(rule).filter(due_in_window & late)
        .values("account_key").annotate(breaches=Count("pk"))
        .filter(breaches__gte=params["min_count"])
    )
    rows = list(rows)
    accounts = Account.objects.in_bulk([row["account_key"] for row in rows])
    return [
        _account_finding(
            rule, accounts[row["account_key"]],
            {"breaches": row["breaches"], "window_days": params["window_days"],
             "min_count": params["min_count"]},
        )
        for row in rows
    ]


def _account_finding(rule, account, evidence):
    return Finding(key=f"{rule.kind}:{rule.pk}:{account.pk}", kind=rule.kind, account=account,
                   evidence=evidence, links=[_link(str(account), account.get_absolute_url())])


RULES = {
    Kind.KPI_BELOW_TARGET: kpi_below_target,
    Kind.KPI_DROP: kpi_drop,
    Kind.NEGATIVE_FEEDBACK: negative_feedback,
    Kind.SLA_BREACHES: sla_breaches,
    Kind.KEY_MILESTONE_OVERDUE: key_milestone_overdue,
    Kind.BUDGET_OVERSPEND: budget_overspend,
    Kind.MENTION_SPIKE: lambda rule, now: social_rules.mention_spike(
        rule, now, finding=_account_finding, parameters=parameters),
    Kind.NEGATIVE_MENTIONS: lambda rule, now: social_rules.negative_share_rise(
        rule, now, finding=_account_finding, parameters=parameters),
}


# --- scope and formatting ------------------------------------------------------------------


def _campaigns_in_scope(rule, statuses):
    campaigns = Campaign.objects.filter(archived_at__isnull=True, status__in=statuses)
    if rule.scope == WarningRule.Scope.CAMPAIGN:
        campaigns = campaigns.filter(pk=rule.campaign_id)
    elif rule.scope == WarningRule.Scope.ACCOUNT:
        campaigns = campaigns.filter(
            Q(advertiser_id=rule.account_id) | Q(publishers=rule.account_id)
        ).distinct()
    return campaigns.select_related("advertiser").order_by("pk")


def _feedback_in_scope(rule):
    """Feedback with the account it concerns; public feedback counts for the campaign's advertiser."""
    feedback = Feedback.objects.annotate(account_key=Coalesce("account_id", "campaign__advertiser_id"))
    feedback = feedback.filter(account_key__isnull=False)
    if rule.scope == WarningRule.Scope.CAMPAIGN:
        return feedback.filter(campaign_id=rule.campaign_id)
    if rule.scope == WarningRule.Scope.ACCOUNT:
        return feedback.filter(account_key=rule.account_id)
    return feedback


def _link(label, url):
    return {"label": label, "url": url}


def _num(value):
    return None if value is None else float(round(Decimal(value), 4))


def _jsonable_sums(sums):
    return {name: _num(value or 0) for name, value in sums.items()}
