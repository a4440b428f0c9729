"""Writes to accounts and what hangs off them: permission, validation, audit, in one place each.

Nothing a user wrote is deleted: accounts, contacts, meetings, action items and partnerships
are archived (`archived_at`), and cadences are stopped.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cadence import advance
from accounts.meeting_dates import check_meeting_date, check_next_meeting_date
from accounts.meetings import campaigns_of
from accounts.models import Account, ActionItem, Cadence, Charter, Contact, Meeting, Partnership
from audit.services import diff, record, snapshot
from notifications.models import Notification
from notifications.services import notify
from socialcrm.messages import choice, deferred
from socialcrm.visibility import (
    accounts_visible_to,
    can_complete_action_item,
    can_create_accounts,
    can_edit_account,
    can_share_account,
    ensure_can_edit,
    possible_action_item_owners,
)

ACCOUNT_FIELDS = ("name", "kind", "industry", "platforms", "tier", "status", "is_confidential",
                  "website", "notes")
CONTACT_FIELDS = ("name", "title", "email", "phone", "wechat", "preferred_channel", "language", "is_primary")
MEETING_FIELDS = ("kind", "status", "held_at", "campaign", "agenda", "minutes", "decisions", "next_meeting_on")

PLANNED_MEETING_TIME = time(10, 0)


def _apply(instance, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


def _check_kind(side, kind):
    if kind not in Account.KINDS_BY_SIDE[side]:
        raise ValidationError({"kind": _("This type does not exist for this side.")})


def _stamp_once(*, actor, obj, field, action, request):
    """Set a timestamp (archived, done) the first time only and audit it; repeating is harmless."""
    if getattr(obj, field) is None:
        setattr(obj, field, timezone.now())
        extra = ["updated_at"] if hasattr(obj, "updated_at") else []
        obj.save(update_fields=[field, *extra])
        record(actor=actor, action=action, target=obj, request=request)
    return obj


# Accounts ---------------------------------------------------------------------------------


@transaction.atomic
def create_account(*, actor, side, account_manager=None, request=None, **fields):
    """A new account; managed by its creator unless an admin names another manager."""
    if not can_create_accounts(actor):
        raise PermissionDenied
    _check_kind(side, fields.get("kind"))
    account = Account(side=side, account_manager=account_manager if actor.is_admin and account_manager else actor)
    _apply(account, fields, ACCOUNT_FIELDS)
    account.full_clean()
    account.save()
    record(actor=actor, action="account.create", target=account, changes=snapshot(account),
           request=request)
    return account


@transaction.atomic
def update_account(*, actor, account, account_manager=None, request=None, **fields):
    ensure_can_edit(actor, account)
    _check_kind(account.side, fields.get("kind", account.kind))
    before = snapshot(account)
    _apply(account, fields, ACCOUNT_FIELDS)
    if account_manager is not None and actor.is_admin:
        account.account_manager = account_manager
    account.full_clean()
    account.save()
    record(actor=actor, action="account.update", target=account,
           changes=diff(before, snapshot(account)), request=request)
    return account


@transaction.atomic
def archive_account(*, actor, account, request=None):
    ensure_can_edit(actor, account)
    return _stamp_once(actor=actor, obj=account, field="archived_at", action="account.archive",
                       request=request)


@transaction.atomic
def restore_account(*, actor, account, request=None):
    ensure_can_edit(actor, account)
    if account.archived_at is not None:
        account.archived_at = None
        account.save(update_fields=["archived_at", "updated_at"])
        record(actor=actor, action="account.restore", target=account, request=request)
    return account


@transaction.atomic
def share_account(*, actor, account, colleague, request=None):
    """Let a fellow account manager see and edit the account (only its manager or an admin may)."""
    if not can_share_account(actor, account):
        raise PermissionDenied
    if colleague.pk == account.account_manager_id or colleague.role != colleague.Role.ACCOUNT_MANAGER:
        raise ValidationError(_("Share with another account manager."))
    account.shared_with.add(colleague)
    record(actor=actor, action="account.share", target=account,
           changes={"shared_with": colleague.username}, request=request)
    notify(recipient=colleague, kind="account_shared", about=account,
           message=deferred("account_shared", who=actor, account=account),
           dedupe_key=f"account-shared:{account.pk}:{colleague.pk}",
           url=account.get_absolute_url())
    return account


@transaction.atomic
def unshare_account(*, actor, account, colleague, request=None):
    if not can_share_account(actor, account):
        raise PermissionDenied
    account.shared_with.remove(colleague)
    record(actor=actor, action="account.unshare", target=account,
           changes={"shared_with": colleague.username}, request=request)
    return account


# Contacts ---------------------------------------------------------------------------------


@transaction.atomic
def add_contact(*, actor, account, request=None, **fields):
    ensure_can_edit(actor, account)
    contact = Contact(account=account)
    _apply(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    record(actor=actor, action="contact.create", target=contact, changes=snapshot(contact),
           request=request)
    return contact


@transaction.atomic
def update_contact(*, actor, contact, request=None, **fields):
    ensure_can_edit(actor, contact.account)
    before = snapshot(contact)
    _apply(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    record(actor=actor, action="contact.update", target=contact,
           changes=diff(before, snapshot(contact)), request=request)
    return contact


@transaction.atomic
def archive_contact(*, actor, contact, request=None):
    ensure_can_edit(actor, contact.account)
    return _stamp_once(actor=actor, obj=contact, field="archived_at", action="contact.archive",
                       request=request)


# Partnerships -----------------------------------------------------------------------------


@transaction.atomic
def add_partnership(*, actor, account, partner, started_on=None, notes="", request=None):
    """Record that a publisher carries an advertiser's campaigns, from either side's page."""
    ensure_can_edit(actor, account)
    if partner.side == account.side or not accounts_visible_to(actor).filter(pk=partner.pk).exists():
        raise ValidationError(_("Choose a partner from the other side that you can see."))
    advertiser, publisher = (account, partner) if account.is_advertiser else (partner, account)
    partnership, created = Partnership.objects.get_or_create(
        advertiser=advertiser, publisher=publisher,
        defaults={"started_on": started_on or timezone.localdate(), "notes": notes},
    )
    if not created and partnership.archived_at is None:
        raise ValidationError(_("These two accounts are already partners."))
    if not created:
        partnership.archived_at = None
        partnership.started_on = started_on or timezone.localdate()
        partnership.notes = notes
        partnership.save()
    record(actor=actor, action="partnership.create", target=partnership,
           changes={"advertiser": advertiser.pk, "publisher": publisher.pk, "notes": notes},
           request=request)
    return partnership


@transaction.atomic
def archive_partnership(*, actor, partnership, account, request=None):
    """Archived from the page of `account`, which must be one of its two sides."""
    if account.pk not in (partnership.advertiser_id, partnership.publisher_id):
        raise PermissionDenied
    ensure_can_edit(actor, account)
    return _stamp_once(actor=actor, obj=partnership, field="archived_at", action="partnership.archive",
                       request=request)


# Meetings and action items ----------------------------------------------------------------


def _check_campaign(account, campaign):
    if campaign is not None and not campaigns_of(account).filter(pk=campaign.pk).exists():
        raise ValidationError({"campaign": _("Choose a campaign of this account.")})


def _check_attendees(account, contacts):
    if any(contact.account_id != account.pk for contact in contacts):
        raise ValidationError(_("Client attendees must be contacts of this account."))


def _check_owner(account, owner):
    if not possible_action_item_owners(account).filter(pk=owner.pk).exists():
        raise ValidationError(_("%(owner)s cannot work on this account.") % {"owner": owner})


@transaction.atomic
def log_meeting(*, actor, account, kind, held_at, status=Meeting.Status.HELD, agenda="", minutes="",
                decisions="", next_meeting_on=None, staff_attendees=(), contact_attendees=(),
                action_items=(), campaign=None, request=None):
    """A held or planned meeting with its action items (title, owner, due_on).

    A held meeting keeps the matching cadence and, with a next meeting date, puts that meeting
    on the calendar as planned.
    """
    ensure_can_edit(actor, account)
    _check_attendees(account, contact_attendees)
    _check_campaign(account, campaign)
    check_meeting_date(status, held_at)
    check_next_meeting_date(held_at, next_meeting_on)
    meeting = Meeting.objects.create(
        account=account, kind=kind, status=status, held_at=held_at, agenda=agenda, minutes=minutes,
        decisions=decisions, next_meeting_on=next_meeting_on, campaign=campaign, logged_by=actor,
    )
    meeting.staff_attendees.set(staff_attendees)
    meeting.contact_attendees.set(contact_attendees)
    record(actor=actor, action="meeting.create", target=meeting, changes=snapshot(meeting),
           request=request)
    _add_items(actor, meeting, action_items, request)
    _plan_next_meeting(actor, meeting, request)
    recompute_cadence(account, kind)
    return meeting


@transaction.atomic
def update_meeting(*, actor, meeting, staff_attendees=None, contact_attendees=None,
                   action_items=(), request=None, **fields):
    """Edit a meeting, or hold a planned one (status "held" with its minutes)."""
    ensure_can_edit(actor, meeting.account)
    before = snapshot(meeting)
    kind_before = meeting.kind
    _apply(meeting, fields, MEETING_FIELDS)
    if {"status", "held_at"} & set(fields):
        check_meeting_date(meeting.status, meeting.held_at, is_new=False)
    check_next_meeting_date(meeting.held_at, meeting.next_meeting_on)
    _check_campaign(meeting.account, meeting.campaign)
    meeting.full_clean()
    meeting.save()
    if staff_attendees is not None:
        meeting.staff_attendees.set(staff_attendees)
    if contact_attendees is not None:
        _check_attendees(meeting.account, contact_attendees)
        meeting.contact_attendees.set(contact_attendees)
    record(actor=actor, action="meeting.update", target=meeting,
           changes=diff(before, snapshot(meeting)), request=request)
    _add_items(actor, meeting, action_items, request)
    _plan_next_meeting(actor, meeting, request)
    for kind in {kind_before, meeting.kind}:
        recompute_cadence(meeting.account, kind)
    return meeting


@transaction.atomic
def archive_meeting(*, actor, meeting, request=None):
    """Hidden from lists and the timeline; its minutes stay in the database and the audit trail.

    An archived meeting no longer keeps the cadence, so the due date is worked out again.
    """
    ensure_can_edit(actor, meeting.account)
    _stamp_once(actor=actor, obj=meeting, field="archived_at", action="meeting.archive",
                request=request)
    recompute_cadence(meeting.account, meeting.kind)
    return meeting


def _add_items(actor, meeting, action_items, request):
    """Items as (title, owner, due_on) tuples or as dicts of add_action_item's fields."""
    for item in action_items:
        fields = item if isinstance(item, dict) else dict(zip(("title", "owner", "due_on"), item, strict=True))
        add_action_item(actor=actor, account=meeting.account, meeting=meeting, request=request,
                        **fields)


def _plan_next_meeting(actor, meeting, request):
    """A held meeting's "next meeting" date becomes a planned meeting, once."""
    day = meeting.next_meeting_on
    if meeting.is_planned or day is None or day < timezone.localdate() or meeting.archived_at:
        return None
    if meeting.account.meetings.planned().filter(kind=meeting.kind, held_at__date=day).exists():
        return None
    at = timezone.make_aware(datetime.combine(day, PLANNED_MEETING_TIME))
    planned = Meeting.objects.create(
        account=meeting.account, kind=meeting.kind, status=Meeting.Status.PLANNED, held_at=at,
        campaign=meeting.campaign, logged_by=actor,
    )
    planned.staff_attendees.set(meeting.staff_attendees.all())
    planned.contact_attendees.set(meeting.contact_attendees.all())
    record(actor=actor, action="meeting.create", target=planned, changes=snapshot(planned),
           request=request)
    return planned


def recompute_cadence(account, kind, today=None):
    """Work the cadence of this kind out again from the held meetings that count.

    Held meetings since the cadence was agreed move it one interval past the latest of them;
    without any (none yet, or all archived) the agreed due date stands. Planned meetings never
    keep a cadence: a meeting that has not happened has not kept a promise.
    """
    cadence = Cadence.objects.select_for_update().filter(account=account, meeting_kind=kind).first()
    if cadence is None:
        return None
    today = today or timezone.localdate()
    latest = account.meetings.held().filter(kind=kind).aggregate(latest=Max("held_at"))["latest"]
    held_on = timezone.localtime(latest).date() if latest else None
    agreed_on = cadence.agreed_on or timezone.localtime(cadence.created_at).date()
    if held_on and held_on >= agreed_on:
        next_due = advance(held_on, cadence.interval)
    else:
        next_due = cadence.agreed_due_on or cadence.next_due_on
    cadence.last_held_on = held_on
    cadence.next_due_on = next_due
    if next_due >= today:
        cadence.overdue_since = None
    cadence.save(update_fields=["last_held_on", "next_due_on", "overdue_since"])
    return cadence


@transaction.atomic
def add_action_item(*, actor, account, title, owner, due_on, meeting=None, owner_contact=None,
                    recurrence="", request=None):
    """An action item owned by staff, or by a partner's contact with a staff member following up."""
    ensure_can_edit(actor, account)
    _check_owner(account, owner)
    if owner_contact is not None and owner_contact.account_id != account.pk:
        raise ValidationError({"owner_contact": _("The partner owner must be a contact of this account.")})
    item = ActionItem.objects.create(account=account, meeting=meeting, title=title, owner=owner,
                                     owner_contact=owner_contact, recurrence=recurrence, due_on=due_on)
    record(actor=actor, action="action_item.create", target=item, changes=snapshot(item),
           request=request)
    _tell_new_owner(actor, item)
    return item


def _tell_new_owner(actor, item):
    if item.owner_id != actor.pk:
        notify(recipient=item.owner, kind="action_item_assigned", about=item,
               message=deferred("action_item_assigned", account=item.account, title=item.title, due=item.due_on),
               dedupe_key=f"action-item-assigned:{item.pk}:{item.owner_id}",
               url=item.account.get_absolute_url())


@transaction.atomic
def complete_action_item(*, actor, item, request=None):
    """Its owner or anyone who may edit the account ticks it off; ticking twice changes nothing."""
    if not can_complete_action_item(actor, item):
        raise PermissionDenied
    was_open = item.done_at is None
    _stamp_once(actor=actor, obj=item, field="done_at", action="action_item.done", request=request)
    if was_open and item.recurrence:
        _repeat(actor, item, request)
    return item


def _repeat(actor, item, request):
    """A recurring item, once done, comes back for its next week or month (never in the past)."""
    due = advance(item.due_on, item.recurrence)
    while due < timezone.localdate():
        due = advance(due, item.recurrence)
    following = ActionItem.objects.create(
        account=item.account, meeting=item.meeting, title=item.title, owner=item.owner,
        owner_contact=item.owner_contact, recurrence=item.recurrence, due_on=due,
    )
    record(actor=actor, action="action_item.create", target=following,
           changes=snapshot(following), request=request)
    return following


@transaction.atomic
def reassign_action_items(*, actor, from_user, to_user, request=None):
    """Hand someone's open action items to a colleague, e.g. when they leave.

    Only items on accounts the actor may edit move, and only where the colleague can work on the
    account; the rest are returned so the page can say which stayed and why.
    """
    if from_user.pk == to_user.pk:
        raise ValidationError(_("Choose someone else to take the action items over."))
    moved, kept = [], []
    items = (ActionItem.objects.select_for_update().filter(owner=from_user, done_at__isnull=True,
                                                           archived_at__isnull=True)
             .select_related("account"))
    for item in items:
        if not can_edit_account(actor, item.account):
            continue
        if not possible_action_item_owners(item.account).filter(pk=to_user.pk).exists():
            kept.append(item)
            continue
        item.owner = to_user
        item.save(update_fields=["owner"])
        record(actor=actor, action="action_item.update", target=item,
               changes={"owner": [from_user.pk, to_user.pk]}, request=request)
        _tell_new_owner(actor, item)
        moved.append(item)
    return moved, kept


@transaction.atomic
def archive_action_item(*, actor, item, request=None):
    ensure_can_edit(actor, item.account)
    return _stamp_once(actor=actor, obj=item, field="archived_at", action="action_item.archive",
                       request=request)


# Partnership charter ----------------------------------------------------------------------

CHARTER_FIELDS = ("principles", "response_hours", "meeting_interval", "channels", "confidentiality",
                  "escalation_staff", "escalation_contact", "agreed_on")


@transaction.atomic
def set_charter(*, actor, account, request=None, **fields):
    """Agree (or revise) the partnership's principles; every revision is on the audit trail."""
    ensure_can_edit(actor, account)
    contact = fields.get("escalation_contact")
    if contact is not None and contact.account_id != account.pk:
        raise ValidationError({"escalation_contact": _("Choose a contact of this account.")})
    staff = fields.get("escalation_staff")
    if staff is not None and not possible_action_item_owners(account).filter(pk=staff.pk).exists():
        raise ValidationError({"escalation_staff": _("%(who)s does not work on this account.")
                               % {"who": staff}})
    charter = Charter.objects.filter(account=account).first()
    before = snapshot(charter) if charter else {}
    charter = charter or Charter(account=account)
    _apply(charter, fields, CHARTER_FIELDS)
    charter.full_clean()
    charter.save()
    record(actor=actor, action="charter.set", target=charter,
           changes=diff(before, snapshot(charter)), request=request)
    return charter


# Cadence ----------------------------------------------------------------------------------


@transaction.atomic
def set_cadence(*, actor, account, meeting_kind, interval, next_due_on, request=None):
    """Agree (or change) the rhythm for one kind of meeting with the account."""
    ensure_can_edit(actor, account)
    cadence = Cadence.objects.filter(account=account, meeting_kind=meeting_kind).first()
    before = snapshot(cadence) if cadence else {}
    cadence = cadence or Cadence(account=account, meeting_kind=meeting_kind)
    cadence.interval = interval
    cadence.next_due_on = next_due_on
    cadence.agreed_due_on = next_due_on
    cadence.agreed_on = timezone.localdate()
    cadence.is_active = True
    cadence.overdue_since = None
    cadence.save()
    record(actor=actor, action="cadence.set", target=cadence,
           changes=diff(before, snapshot(cadence)), request=request)
    return cadence


@transaction.atomic
def stop_cadence(*, actor, cadence, request=None):
    ensure_can_edit(actor, cadence.account)
    if cadence.is_active:
        cadence.is_active = False
        cadence.overdue_since = None
        cadence.save(update_fields=["is_active", "overdue_since"])
        record(actor=actor, action="cadence.stop", target=cadence, request=request)
    return cadence


# Periodic checks (called by the Celery beat tasks) ----------------------------------------


def flag_overdue_cadences(today=None):
    """Mark cadences whose due date passed without a meeting and tell the account's managers.

    Safe to run any number of times: the flag is set once and each reminder is keyed on the
    cadence and its due date, so a cadence missed again later is reminded again.
    """
    today = today or timezone.localdate()
    overdue = (
        Cadence.objects.filter(is_active=True, next_due_on__lt=today, account__archived_at__isnull=True)
        .select_related("account__account_manager")
        .prefetch_related("account__shared_with")
    )
    flagged = 0
    for cadence in overdue:
        if cadence.overdue_since is None:
            Cadence.objects.filter(pk=cadence.pk, overdue_since__isnull=True).update(overdue_since=today)
            flagged += 1
        account = cadence.account
        for manager in (account.account_manager, *account.shared_with.all()):
            notify(
                recipient=manager, kind="cadence_overdue", about=cadence, level=Notification.Level.WARNING,
                message=deferred("cadence_overdue", kind=choice(cadence, "meeting_kind"), account=account,
                                 due=cadence.next_due_on),
                dedupe_key=f"cadence-overdue:{cadence.pk}:{cadence.next_due_on}",
                url=account.get_absolute_url(),
            )
    return flagged


def remind_due_action_items(today=None, days_ahead=1):
    """Remind owners of open action items due by tomorrow, once per item and due date."""
    today = today or timezone.localdate()
    due = ActionItem.objects.filter(
        done_at__isnull=True, archived_at__isnull=True, owner__is_active=True,
        due_on__lte=today + timedelta(days=days_ahead), account__archived_at__isnull=True,
    ).select_related("owner", "account")
    sent = 0
    for item in due:
        overdue = item.due_on < today
        sent += notify(
            recipient=item.owner, kind="action_item_due", about=item,
            level=Notification.Level.WARNING if overdue else Notification.Level.INFO,
            message=deferred("action_item_overdue" if overdue else "action_item_due", account=item.account,
                             title=item.title, due=item.due_on),
            # One reminder before the due date and one once it has passed, per due date.
            dedupe_key=f"action-item-{'overdue' if overdue else 'due'}:{item.pk}:{item.due_on}",
            url=item.account.get_absolute_url(),
        ) is not None
    return sent
