"""Writes: checklist templates (admins), checklists per advertiser (its editors), policies."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import diff, record, snapshot
from governance.models import (
    Acknowledgement,
    Checklist,
    ChecklistTemplate,
    Entry,
    Policy,
    TemplateItem,
)
from socialcrm.visibility import can_edit_account, possible_action_item_owners

ENTRY_FIELDS = ("status", "owner", "evidence_url", "evidence_file", "review_on", "note")


def _ensure_admin(actor):
    if not actor.is_admin:
        raise PermissionDenied


# Templates --------------------------------------------------------------------------------


@transaction.atomic
def create_template(*, actor, name, items=(), request=None):
    _ensure_admin(actor)
    template = ChecklistTemplate.objects.create(name=name)
    for position, title in enumerate(items):
        TemplateItem.objects.create(template=template, title=title, position=position)
    record(actor=actor, action="checklist_template.create", target=template,
           changes={"name": name, "items": list(items)}, request=request)
    return template


@transaction.atomic
def add_template_item(*, actor, template, title, request=None):
    _ensure_admin(actor)
    position = (template.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = TemplateItem.objects.create(template=template, title=title, position=position)
    record(actor=actor, action="checklist_item.create", target=item, changes={"title": title},
           request=request)
    _add_to_running_checklists(template, item)
    return item


def _add_to_running_checklists(template, item):
    """A new item joins every advertiser's checklist of this template, as still to do."""
    Entry.objects.bulk_create(
        Entry(checklist=checklist, item=item)
        for checklist in Checklist.objects.filter(template=template)
    )


@transaction.atomic
def rename_template_item(*, actor, item, title, request=None):
    """A rewritten item is shown as written from now on (it is no longer the shipped wording)."""
    _ensure_admin(actor)
    before = {"title": str(item)}
    item.title, item.code = title, ""
    item.save(update_fields=["title", "code"])
    record(actor=actor, action="checklist_item.update", target=item,
           changes=diff(before, {"title": title}), request=request)
    return item


@transaction.atomic
def archive_template_item(*, actor, item, request=None):
    """Out of the template; entries already recorded against it stay on the checklists' record."""
    _ensure_admin(actor)
    if item.archived_at is None:
        item.archived_at = timezone.now()
        item.save(update_fields=["archived_at"])
        record(actor=actor, action="checklist_item.archive", target=item, request=request)
    return item


# Checklists per advertiser -----------------------------------------------------------------


@transaction.atomic
def start_checklist(*, actor, account, template, request=None):
    """The advertiser's checklist from a template: every live item to do. Starting twice is harmless."""
    if not can_edit_account(actor, account):
        raise PermissionDenied
    if template.archived_at is not None:
        raise ValidationError(_("This template is archived."))
    checklist, created = Checklist.objects.get_or_create(
        account=account, template=template, defaults={"created_by": actor})
    if created:
        Entry.objects.bulk_create(Entry(checklist=checklist, item=item)
                                  for item in template.items.filter(archived_at__isnull=True))
        record(actor=actor, action="checklist.create", target=checklist, request=request)
    return checklist


@transaction.atomic
def update_entry(*, actor, entry, request=None, **fields):
    account = entry.checklist.account
    if not can_edit_account(actor, account):
        raise PermissionDenied
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    owner = fields.get("owner")
    if owner is not None and not possible_action_item_owners(account).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("%(who)s does not work on this account.") % {"who": owner}})
    before = snapshot(entry, fields=ENTRY_FIELDS)
    for name, value in fields.items():
        if name == "evidence_file" and not value:
            continue  # no new file chosen: keep the evidence already attached
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    record(actor=actor, action="checklist_entry.update", target=entry,
           changes=diff(before, snapshot(entry, fields=ENTRY_FIELDS)), request=request)
    return entry


# Policies ---------------------------------------------------------------------------------


@transaction.atomic
def publish_policy(*, actor, title, body, request=None):
    _ensure_admin(actor)
    policy = Policy.objects.create(title=title, body=body)
    record(actor=actor, action="policy.create", target=policy, changes={"title": title}, request=request)
    return policy


@transaction.atomic
def revise_policy(*, actor, policy, title, body, request=None):
    """A revision is a new version: everyone is asked to read and acknowledge it again."""
    _ensure_admin(actor)
    before = snapshot(policy, fields=("title", "body", "version"))
    policy.title, policy.body = title, body
    policy.version += 1
    policy.published_at = timezone.now()
    policy.save()
    record(actor=actor, action="policy.update", target=policy,
           changes=diff(before, snapshot(policy, fields=("title", "body", "version"))), request=request)
    return policy


@transaction.atomic
def acknowledge_policy(*, actor, policy, request=None):
    """The reader confirms they read this version; confirming twice changes nothing."""
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        policy=policy, version=policy.version, user=actor)
    if created:
        record(actor=actor, action="policy.acknowledge", target=policy,
               changes={"version": policy.version}, request=request)
    return acknowledgement
