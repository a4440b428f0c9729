"""Who may see and edit which account, and the reads built on it.

The only place that filters accounts (and what hangs off them) by visibility:

| role            | sees                                                   | edits                 |
| --------------- | ------------------------------------------------------ | --------------------- |
| admin           | everything                                             | everything            |
| executive       | everything, confidential included                      | nothing (read-only)   |
| analyst         | everything but confidential accounts                   | nothing (read-only)   |
| account manager | accounts they manage and those shared with them        | the same              |
| project lead    | accounts of the campaigns they lead, not confidential  | nothing               |
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from accounts.cadence import kept_and_due
from accounts.cadence_health import filter_by_state, with_next_cadence_due
from accounts.models import Account, ActionItem, Cadence, Contact, Meeting, Partnership, User
from audit.models import AuditEntry


def _shared_with(user):
    return Account.shared_with.through.objects.filter(user=user).values("account_id")


def accounts_visible_to(user):
    accounts = Account.objects.all()
    if user.reads_everything:
        return accounts if user.sees_confidential else accounts.filter(is_confidential=False)
    if user.role == User.Role.ACCOUNT_MANAGER:
        # A subquery instead of a join keeps rows unique without DISTINCT, so lists stay cheap.
        return accounts.filter(Q(account_manager=user) | Q(pk__in=_shared_with(user)))
    if user.role == User.Role.PROJECT_LEAD:
        from campaigns.models import Campaign

        led = Campaign.objects.filter(project_lead=user)
        return accounts.filter(
            Q(pk__in=led.values("advertiser_id")) | Q(pk__in=led.values("publishers"))
        ).filter(is_confidential=False)
    return accounts.none()


def accounts_editable_by(user):
    if user.is_admin:
        return Account.objects.all()
    if user.role == User.Role.ACCOUNT_MANAGER:
        return accounts_visible_to(user)
    return Account.objects.none()


def can_edit_account(user, account):
    return accounts_editable_by(user).filter(pk=account.pk).exists()


def can_create_accounts(user):
    return user.is_admin or user.role == User.Role.ACCOUNT_MANAGER


def can_share_account(user, account):
    """Only the account's own manager (not a colleague it is shared with) or an admin."""
    return user.is_admin or account.account_manager_id == user.pk


def get_visible_account(user, pk):
    """The account, or 404 when it does not exist *or* the user may not see it."""
    try:
        return accounts_visible_to(user).get(pk=pk)
    except (Account.DoesNotExist, ValueError):
        raise Http404 from None


def get_editable_account(user, pk):
    """404 for an account the user may not see; 403 for one they may see but not change."""
    account = get_visible_account(user, pk)
    if not can_edit_account(user, account):
        raise PermissionDenied
    return account


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


def contacts_visible_to(user):
    return Contact.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def get_visible_contact(user, pk):
    return _get_or_404(contacts_visible_to(user).select_related("account"), pk)


def meetings_visible_to(user):
    return Meeting.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def get_visible_meeting(user, pk):
    return _get_or_404(meetings_visible_to(user).select_related("account", "logged_by"), pk)


def action_items_visible_to(user):
    return ActionItem.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def get_visible_action_item(user, pk):
    return _get_or_404(action_items_visible_to(user).select_related("account", "owner"), pk)


def cadences_visible_to(user):
    return Cadence.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def get_visible_cadence(user, pk):
    return _get_or_404(cadences_visible_to(user).select_related("account"), pk)


def partnerships_visible_to(user):
    """A partnership is seen by whoever sees either side; the other side's name is then shown."""
    visible = accounts_visible_to(user).values("pk")
    return Partnership.objects.filter(Q(advertiser__in=visible) | Q(publisher__in=visible))


def get_visible_partnership(user, pk):
    return _get_or_404(partnerships_visible_to(user).select_related("advertiser", "publisher"), pk)


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


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


def account_meetings(account):
    return account.meetings.filter(archived_at__isnull=True).select_related("logged_by")


def account_partnerships(account):
    if account.is_advertiser:
        partnerships = account.publisher_partnerships.select_related("publisher")
    else:
        partnerships = account.advertiser_partnerships.select_related("advertiser")
    return partnerships.filter(archived_at__isnull=True)


def possible_action_item_owners(account):
    """Staff who work on the account: its manager, colleagues it is shared with, the project
    leads of its campaigns, and admins."""
    return (
        User.objects.filter(
            Q(pk=account.account_manager_id) | Q(shared_accounts=account)
            | Q(led_campaigns__advertiser=account) | Q(led_campaigns__publishers=account)
            | Q(role=User.Role.ADMIN) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "username")
    )


def account_history(account, limit=50):
    """Audit entries of the account and of everything that hangs off it, newest first."""
    related = {
        Contact: account.contacts.all(),
        Meeting: account.meetings.all(),
        ActionItem: account.action_items.all(),
        Cadence: account.cadences.all(),
        Partnership: Partnership.objects.filter(Q(advertiser=account) | Q(publisher=account)),
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
    today = today or timezone.localdate()
    cadences = list(account.cadences.filter(is_active=True))
    if not cadences:
        return None
    held = sorted(
        (timezone.localtime(held_at).date(), kind)
        for held_at, kind in account.meetings.held().values_list("held_at", "kind")
    )
    kept = due = 0
    for cadence in cadences:
        start = max(since, timezone.localtime(cadence.created_at).date())
        days = [day for day, kind in held if kind == cadence.meeting_kind]
        cadence_kept, cadence_due = kept_and_due(cadence.interval, days, start, today)
        kept += cadence_kept
        due += cadence_due
    return kept / due if due else None
