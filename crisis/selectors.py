"""Reads of crisis data. Who may see which signal and incident is decided in
socialcrm/visibility.py (an incident only when every affected account is visible).
"""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from crisis.models import Incident, IncidentAction, Severity, TrustScore
from socialcrm.visibility import (
    accounts_visible_to,
    incidents_visible_to,
    signals_visible_to,
)


def open_signals(user):
    return (signals_visible_to(user).open()
            .select_related("account", "campaign", "rule", "incident")
            .order_by("-first_seen_at"))


def open_incidents(user):
    return (incidents_visible_to(user).open().filter(archived_at__isnull=True)
            .select_related("owner").order_by("detected_at"))


def incident_list(user, *, status=""):
    incidents = incidents_visible_to(user).filter(archived_at__isnull=True)
    if status in Incident.Status.values:
        incidents = incidents.filter(status=status)
    return incidents.select_related("owner").prefetch_related("accounts").order_by("-detected_at")


def overdue_actions(user, today=None):
    today = today or timezone.localdate()
    return (
        IncidentAction.objects.filter(
            incident__in=incidents_visible_to(user), done_at__isnull=True, archived_at__isnull=True,
            due_on__lt=today,
        )
        .exclude(incident__status=Incident.Status.CLOSED)
        .select_related("incident", "owner")
        .order_by("due_on")
    )


def count_by_severity(queryset):
    counts = dict(queryset.order_by().values_list("severity").annotate(n=Count("pk")))
    return [(severity, label, counts.get(severity, 0)) for severity, label in reversed(Severity.choices)]


def biggest_trust_moves(user, *, days=30, limit=8):
    """Accounts whose trust score changed most between their latest snapshot and `days` before."""
    latest_day = TrustScore.objects.order_by("-day").values_list("day", flat=True).first()
    if latest_day is None:
        return []
    visible = accounts_visible_to(user).values("pk")
    earlier_day = latest_day - timedelta(days=days)
    rows = TrustScore.objects.filter(account__in=visible, day__in=(latest_day, earlier_day))
    by_account = {}
    for score in rows.select_related("account"):
        by_account.setdefault(score.account, {})[score.day] = score.score
    moves = [
        {"account": account, "now": scores[latest_day], "before": scores[earlier_day],
         "change": scores[latest_day] - scores[earlier_day]}
        for account, scores in by_account.items()
        if latest_day in scores and earlier_day in scores
    ]
    return sorted(moves, key=lambda move: (-abs(move["change"]), move["account"].name))[:limit]


def trust_history(account, *, days=90):
    since = timezone.localdate() - timedelta(days=days - 1)
    return list(account.trust_scores.filter(day__gte=since).order_by("day"))


def incidents_of_account(user, account):
    return (incidents_visible_to(user).filter(accounts=account, archived_at__isnull=True)
            .select_related("owner").order_by("-detected_at"))


def incidents_of_campaign(user, campaign):
    return (incidents_visible_to(user).filter(campaigns=campaign, archived_at__isnull=True)
            .select_related("owner").order_by("-detected_at"))


def signals_of_campaign(user, campaign):
    return (signals_visible_to(user).filter(campaign=campaign)
            .select_related("incident").order_by("resolved_at", "-last_seen_at"))


def open_actions_of(user):
    """The user's own open actions on incidents they may still see, soonest first."""
    return (IncidentAction.objects.filter(owner=user, done_at__isnull=True, archived_at__isnull=True,
                                          incident__in=incidents_visible_to(user))
            .exclude(incident__status=Incident.Status.CLOSED).order_by("due_on"))
