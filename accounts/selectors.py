"""Reads about accounts: lists, the account page, history and cadence figures.

Who may see what is decided in socialcrm/visibility.py; these reads build on it.
"""

from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.cadence import kept_and_due
from accounts.cadence_health import filter_by_state, with_next_cadence_due
from accounts.models import Account, ActionItem, Cadence, Contact, Meeting, Partnership
from audit.models import AuditEntry
from socialcrm.visibility import (
    accounts_visible_to,
    action_items_visible_to,
    meetings_visible_to,
    partnerships_visible_to,
)

# Lists ------------------------------------------------------------------------------------

TIER_RANK = Case(
    When(tier=Account.Tier.STRATEGIC, then=Value(0)),
    When(tier=Account.Tier.KEY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "tier": ("tier_rank", "name"),
    "status": ("status", "name"),
    "industry": ("industry", "name"),
    "-updated": ("-updated_at", "name"),
    "cadence": (F("next_cadence_due").asc(nulls_last=True), "name"),
}


def account_list(user, side, *, query="", status="", tier="", kind="", mine=False, sort="name",
                 archived=False, cadence=""):
    """The visible accounts of one side, searched, filtered and sorted; ready to paginate.

    Each carries `next_cadence_due`, the earliest due date of its active cadences.
    """
    accounts = with_next_cadence_due(
        accounts_visible_to(user).filter(side=side, archived_at__isnull=not archived))
    accounts = filter_by_state(accounts, cadence)
    if query:
        accounts = accounts.filter(Q(name__icontains=query) | Q(industry__icontains=query))
    if status in Account.Status.values:
        accounts = accounts.filter(status=status)
    if tier in Account.Tier.values:
        accounts = accounts.filter(tier=tier)
    if kind in Account.Kind.values:
        accounts = accounts.filter(kind=kind)
    if mine:
        accounts = accounts.filter(account_manager=user)
    order = SORTS.get(sort, SORTS["name"])
    if "tier_rank" in order:
        accounts = accounts.annotate(tier_rank=TIER_RANK)
    return accounts.select_related("account_manager").order_by(*order, "pk")


# The account page -------------------------------------------------------------------------


def open_action_items_of(user):
    """The user's open action items on accounts they may still see, soonest first."""
    return (
        action_items_visible_to(user)
        .filter(owner=user, done_at__isnull=True, archived_at__isnull=True)
        .select_related("account", "meeting", "owner_contact")
        .order_by("due_on", "pk")
    )


def account_action_items(account):
    return (
        account.action_items.filter(archived_at__isnull=True)
        .select_related("owner", "owner_contact", "meeting")
        .order_by("done_at", "due_on", "pk")
    )


def account_meetings(account, user):
    """The account's meetings the user may see (not those about a campaign hidden from them)."""
    return (meetings_visible_to(user).filter(account=account, archived_at__isnull=True)
            .select_related("logged_by"))


def account_partnerships(account, user):
    """The account's partnerships the user may see (none with a confidential partner hidden from them)."""
    partnerships = partnerships_visible_to(user).filter(archived_at__isnull=True)
    if account.is_advertiser:
        return partnerships.filter(advertiser=account).select_related("publisher")
    return partnerships.filter(publisher=account).select_related("advertiser")


def account_history(account, user, limit=50):
    """Audit entries of the account and of everything that hangs off it that the user may see,
    newest first."""
    related = {
        Contact: account.contacts.all(),
        Meeting: account.meetings.all(),
        ActionItem: account.action_items.all(),
        Cadence: account.cadences.all(),
        Partnership: partnerships_visible_to(user).filter(Q(advertiser=account) | Q(publisher=account)),
    }
    condition = Q(target_type=account._meta.label_lower, target_id=str(account.pk))
    for model, rows in related.items():
        ids = rows.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
        condition |= Q(target_type=model._meta.label_lower, target_id__in=ids)
    return AuditEntry.objects.filter(condition).select_related("actor")[:limit]


def cadence_kept_ratio(account, since, today=None):
    """Share (0..1) of the account's cadence due dates since `since` met by a meeting in time.

    A due date is met by a meeting of the cadence's kind held on or before it, plus a grace of
    `accounts.cadence.GRACE_DAYS` days. Only active cadences count, each from when it was
    agreed. None when the account has no active cadence or no due date to judge yet.
    """
    if not account.cadences.filter(is_active=True).exists():
        return None
    kept, due = cadence_kept_and_due([account.pk], since, today or timezone.localdate())
    return kept / due if due else None


def cadence_kept_and_due(account_ids, since, today):
    """(kept, due) due dates since `since` over the active cadences of these accounts, replayed
    from their held meetings (see accounts.cadence.kept_and_due)."""
    held = {}
    for account_id, kind, held_at in Meeting.objects.held().filter(account_id__in=account_ids).values_list(
            "account_id", "kind", "held_at"):
        held.setdefault((account_id, kind), []).append(timezone.localtime(held_at).date())
    kept = due = 0
    for cadence in Cadence.objects.filter(account_id__in=account_ids, is_active=True):
        start = max(since, timezone.localtime(cadence.created_at).date())
        days = sorted(held.get((cadence.account_id, cadence.meeting_kind), []))
        cadence_kept, cadence_due = kept_and_due(cadence.interval, days, start, today)
        kept += cadence_kept
        due += cadence_due
    return kept, due
