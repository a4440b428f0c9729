"""Reads of crisis data, already filtered by who may see what. The only place that does so.

Visibility follows the accounts a user may see (accounts.selectors.accounts_visible_to):
- a signal is visible when its account is visible;
- an incident is visible only when *every* affected account is visible (admins and executives
  see all), so an incident touching a confidential or someone else's account never leaks to a
  colleague who sees only one of its accounts. Affected campaigns always belong to affected
  accounts (crisis.services enforces it), so campaign details cannot leak either.
"""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from accounts.models import Account, User
from accounts.selectors import accounts_visible_to
from crisis.models import Incident, IncidentAction, Severity, Signal, TrustScore

RUNS_INCIDENTS = (User.Role.ADMIN, User.Role.ACCOUNT_MANAGER, User.Role.PROJECT_LEAD)


def signals_visible_to(user):
    signals = Signal.objects.all()
    if user.reads_everything and user.sees_confidential:
        return signals
    return signals.filter(account__in=accounts_visible_to(user).values("pk"))


def incidents_visible_to(user):
    incidents = Incident.objects.all()
    if user.reads_everything and user.sees_confidential:
        return incidents
    hidden_accounts = Account.objects.exclude(pk__in=accounts_visible_to(user).values("pk"))
    touches_hidden = Incident.accounts.through.objects.filter(
        incident_id=OuterRef("pk"), account__in=hidden_accounts,
    )
    return incidents.filter(~Exists(touches_hidden))


def get_visible_signal(user, pk):
    try:
        return signals_visible_to(user).select_related("account", "campaign", "rule", "incident").get(pk=pk)
    except (Signal.DoesNotExist, ValueError):
        raise Http404 from None


def get_visible_incident(user, pk):
    try:
        return incidents_visible_to(user).select_related("owner", "opened_by").get(pk=pk)
    except (Incident.DoesNotExist, ValueError):
        raise Http404 from None


def get_visible_action(user, pk):
    try:
        return IncidentAction.objects.select_related("incident", "owner").get(
            pk=pk, incident__in=incidents_visible_to(user),
        )
    except (IncidentAction.DoesNotExist, ValueError):
        raise Http404 from None


def can_run_incidents(user):
    return not user.is_read_only and (user.is_admin or user.role in RUNS_INCIDENTS)


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


def staff_who_see_all(account_ids, *, runners_only=True):
    """Active staff who may see every one of these accounts: the people an incident on them can be
    assigned to (owner, actions) or involve (RACI). Mirrors accounts_visible_to from the user side,
    one query whatever the number of staff."""
    staff = User.objects.filter(is_active=True)
    if runners_only:
        staff = staff.filter(role__in=RUNS_INCIDENTS)
    any_confidential = Account.objects.filter(pk__in=account_ids, is_confidential=True).exists()
    for account_id in account_ids:
        sees = (
            Q(role=User.Role.ADMIN) | Q(is_superuser=True) | Q(role=User.Role.EXECUTIVE)
            | Q(role=User.Role.ACCOUNT_MANAGER, managed_accounts=account_id)
            | Q(role=User.Role.ACCOUNT_MANAGER, shared_accounts=account_id)
            | Q(role=User.Role.PROJECT_LEAD, led_campaigns__advertiser=account_id)
            | Q(role=User.Role.PROJECT_LEAD, led_campaigns__publishers=account_id)
        )
        if not any_confidential:
            sees |= Q(role=User.Role.ANALYST)
        staff = staff.filter(pk__in=User.objects.filter(sees).values("pk"))
    return staff.order_by("first_name", "username")


def open_actions_of(user):
    """The user's own open actions on incidents they may still see, soonest first."""
    return (IncidentAction.objects.filter(owner=user, done_at__isnull=True, archived_at__isnull=True,
                                          incident__in=incidents_visible_to(user))
            .exclude(incident__status=Incident.Status.CLOSED).order_by("due_on"))
