"""Early warning from the public: two warning-rule kinds over the mentions heard by listening.

They are registered in `crisis.rules.RULES`, so `crisis.services.evaluate_rules` turns their
findings into signals exactly like the other kinds: one open signal per account and problem
(`crisis.signal_keys`), refreshed on every evaluation, cleared when the problem is gone. The
evidence carries the numbers and the top negative mentions.

| kind                  | fires when                                                                  |
| --------------------- | --------------------------------------------------------------------------- |
| mention_spike         | mentions in the last `window_hours` ≥ `min_count` and ≥ `factor` × the      |
|                       | average per window over the `baseline_days` before                          |
| negative_share_rise   | the negative share of the last `window_days` (≥ `min_count` mentions) is    |
|                       | `rise_points` percentage points or more above the baseline's                |
"""

from datetime import timedelta

from django.db.models import Count, Q

from accounts.models import Account
from social.models import Mention

SPIKE_DEFAULTS = {"window_hours": 24, "baseline_days": 14, "factor": 3, "min_count": 10, "evidence": 5}
NEGATIVE_SHARE_DEFAULTS = {"window_days": 3, "baseline_days": 28, "rise_points": 15, "min_count": 10,
                           "evidence": 5}


def _mentions_in_scope(rule):
    mentions = Mention.objects.all()
    if rule.scope == rule.Scope.ACCOUNT:
        return mentions.filter(account_id=rule.account_id)
    if rule.scope == rule.Scope.CAMPAIGN:
        return mentions.filter(account_id=rule.campaign.advertiser_id)
    return mentions


def mention_spike(rule, now, *, finding, parameters):
    params = parameters(rule)
    window_start = now - timedelta(hours=params["window_hours"])
    baseline_start = window_start - timedelta(days=params["baseline_days"])
    rows = (_mentions_in_scope(rule).filter(published_at__gte=baseline_start, published_at__lte=now)
            .values("account_id")
            .annotate(recent=Count("pk", filter=Q(published_at__gte=window_start)),
                      before=Count("pk", filter=Q(published_at__lt=window_start)))
            .filter(recent__gte=params["min_count"]))
    windows = params["baseline_days"] * 24 / params["window_hours"]
    spikes = [row for row in rows if row["recent"] >= params["factor"] * row["before"] / windows]
    accounts = Account.objects.in_bulk([row["account_id"] for row in spikes])
    findings = []
    for row in spikes:
        account = accounts[row["account_id"]]
        per_window = row["before"] / windows
        findings.append(finding(
            rule, account,
            {"mentions": row["recent"], "baseline_per_window": round(per_window, 2),
             "window_hours": params["window_hours"], "baseline_days": params["baseline_days"],
             "top_negative": _top_negative(account, window_start, now, params["evidence"])}))
    return findings


def negative_share_rise(rule, now, *, finding, parameters):
    params = parameters(rule)
    window_start = now - timedelta(days=params["window_days"])
    baseline_start = window_start - timedelta(days=params["baseline_days"])
    negative = Q(sentiment="negative")
    rows = (_mentions_in_scope(rule).filter(published_at__gte=baseline_start, published_at__lte=now)
            .values("account_id")
            .annotate(recent=Count("pk", filter=Q(published_at__gte=window_start)),
                      recent_negative=Count("pk", filter=negative & Q(published_at__gte=window_start)),
                      before=Count("pk", filter=Q(published_at__lt=window_start)),
                      before_negative=Count("pk", filter=negative & Q(published_at__lt=window_start)))
            .filter(recent__gte=params["min_count"]))
    rising = []
    for row in rows:
        share = row["recent_negative"] / row["recent"]
        baseline = row["before_negative"] / row["before"] if row["before"] else 0.0
        if (share - baseline) * 100 >= params["rise_points"]:
            rising.append((row, share, baseline))
    accounts = Account.objects.in_bulk([row["account_id"] for row, _share, _baseline in rising])
    return [
        finding(rule, accounts[row["account_id"]],
                {"negative_share": round(share, 4), "baseline_share": round(baseline, 4),
                 "mentions": row["recent"], "negative": row["recent_negative"],
                 "window_days": params["window_days"], "baseline_days": params["baseline_days"],
                 "top_negative": _top_negative(accounts[row["account_id"]], window_start, now, params["evidence"])})
        for row, share, baseline in rising
    ]


def _top_negative(account, start, end, limit):
    """The evidence: the newest negative mentions of the window (as JSON)."""
    mentions = (Mention.objects.filter(account=account, sentiment="negative", published_at__gte=start,
                                       published_at__lte=end).order_by("-published_at")[:limit])
    return [{"id": mention.pk, "platform": mention.platform, "author": mention.author,
             "text": mention.text[:280], "published_at": mention.published_at.isoformat(),
             "url": mention.get_absolute_url()} for mention in mentions]
