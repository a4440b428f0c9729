"""CSV import and export of accounts and contacts.

Imports are all-or-nothing: every row is validated first and every bad row is reported with its
spreadsheet line, column and reason; only a file without errors is written, in one transaction.
Re-importing the same file (or an export) updates rows in place instead of doubling them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Account, Contact, Platform, User
from audit.services import diff, record, snapshot
from imports import rejected
from imports.reader.plain import read_rows
from imports.reader.report import row_error
from socialcrm.visibility import accounts_editable_by, can_create_accounts

ACCOUNT_COLUMNS = ("side", "name", "type", "industry", "platforms", "tier", "status",
                   "confidential", "website", "account_manager", "shared_with", "notes")
CONTACT_COLUMNS = ("account_side", "account", "name", "role", "email", "phone", "wechat",
                   "preferred_channel", "primary")
TRUE_WORDS = {"yes", "y", "true", "1", "是"}
FALSE_WORDS = {"no", "n", "false", "0", "否", ""}
MAX_LENGTHS = {"name": 200, "industry": 100, "role": 150, "phone": 50, "wechat": 100,
               "preferred_channel": 30}


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)  # {line, column, reason}, as every import reports
    created: int = 0
    updated: int = 0
    rejected_url: str = ""

    @property
    def ok(self):
        return not self.errors


class _RowErrors(Exception):
    def __init__(self, errors):
        self.errors = errors


def _choice(value, choices, column, errors):
    """A choice given by its code or its label, in any case."""
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (code.lower(), str(label).lower()):
            return code
    errors.append((column, _("“%(value)s” is not one of: %(allowed)s")
                   % {"value": value, "allowed": ", ".join(code for code, _label in choices)}))
    return None


def _flag(value, column, errors):
    wanted = value.strip().lower()
    if wanted in TRUE_WORDS:
        return True
    if wanted not in FALSE_WORDS:
        errors.append((column, _("Write yes or no.")))
    return False


def _text(values, column, errors, required=False, max_length=None):
    text = values.get(column, "") or ""
    if required and not text:
        errors.append((column, _("This column is required.")))
    limit = max_length or MAX_LENGTHS.get(column)
    if limit and len(text) > limit:
        errors.append((column, ngettext("At most %(n)s character.", "At most %(n)s characters.", limit)
                       % {"n": limit}))
    return text


def _validated(validator, value, column, message, errors):
    if value:
        try:
            validator(value)
        except ValidationError:
            errors.append((column, message))
    return value


def _save_imported(*, actor, instance, fields, kind, report, request):
    """Create or update one imported row and audit what changed."""
    is_new = instance.pk is None
    before = {} if is_new else snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    record(actor=actor, action=f"{kind}.{'create' if is_new else 'update'}", target=instance,
           changes={"source": "csv import", **diff(before, snapshot(instance))}, request=request)
    if is_new:
        report.created += 1
    else:
        report.updated += 1


def _run(table, parse_row, write_rows, report, *, actor, kind):
    parsed = []
    report.errors.extend(table.errors)
    for row in table.rows:
        errors = []
        result = parse_row(row.values, errors)
        report.errors.extend(row_error(row.line, column, message) for column, message in errors)
        parsed.append(result)
    if report.errors:
        report.errors.sort(key=lambda error: error["line"])
        report.rejected_url = rejected.remember(actor, kind, table.header, table.cells, report.errors)
        return report
    with transaction.atomic():
        write_rows(parsed, report)
    return report


# Accounts ---------------------------------------------------------------------------------


def import_accounts(*, actor, uploaded_file, request=None):
    """Create or update accounts from a CSV file (the export's columns); nothing on any error."""
    if not can_create_accounts(actor):
        raise PermissionDenied
    table = read_rows(uploaded_file, required_columns=("side", "name", "type"))
    report = ImportReport()
    editable = {(a.side, a.name.lower()): a for a in accounts_editable_by(actor)}
    taken = {(side, name.lower()) for side, name in Account.objects.values_list("side", "name")}
    managers = {u.username.lower(): u for u in User.objects.filter(role=User.Role.ACCOUNT_MANAGER, is_active=True)}
    seen = set()

    def parse(values, errors):
        side = _choice(values.get("side", ""), Account.Side.choices, "side", errors)
        name = _text(values, "name", errors, required=True)
        key = (side, name.lower())
        if key in seen:
            errors.append(("name", _("This account appears twice in the file.")))
        seen.add(key)
        if key in taken and key not in editable:
            errors.append(("name", _("An account with this name exists and you cannot edit it.")))
        kind = _choice(values.get("type", ""), Account.Kind.choices, "type", errors)
        if side and kind and kind not in Account.KINDS_BY_SIDE[side]:
            errors.append(("type", _("This type does not exist for this side.")))
        platforms = [
            _choice(code, Platform.choices, "platforms", errors)
            for code in values.get("platforms", "").replace("|", ";").replace(",", ";").split(";")
            if code.strip()
        ]
        fields = {
            "name": name, "kind": kind, "industry": _text(values, "industry", errors),
            "platforms": platforms,
            "tier": _choice(values.get("tier") or "standard", Account.Tier.choices, "tier", errors),
            "status": _choice(values.get("status") or "prospect", Account.Status.choices, "status", errors),
            "is_confidential": _flag(values.get("confidential", ""), "confidential", errors),
            "website": _validated(URLValidator(), values.get("website", ""), "website",
                                  _("Enter a full web address (https://…)."), errors),
            "notes": values.get("notes", ""),
        }
        manager = actor
        username = values.get("account_manager", "").lower()
        if actor.is_admin and username:
            manager = managers.get(username)
            if manager is None:
                errors.append(("account_manager", _("No active account manager with this username.")))
        elif actor.is_admin:
            errors.append(("account_manager", _("Name the account manager (username).")))
        return side, fields, manager, editable.get(key)

    def write(parsed, report):
        for side, fields, manager, existing in parsed:
            if existing and actor.is_admin:
                fields["account_manager"] = manager
            account = existing or Account(side=side, account_manager=manager)
            _save_imported(actor=actor, instance=account, fields=fields, kind="account",
                           report=report, request=request)

    return _run(table, parse, write, report, actor=actor, kind="accounts")


def account_rows(accounts):
    for account in accounts:
        yield (
            account.side, account.name, account.kind, account.industry, ";".join(account.platforms),
            account.tier, account.status, account.is_confidential, account.website,
            account.account_manager.username,
            ";".join(sorted(user.username for user in account.shared_with.all())), account.notes,
        )


# Contacts ---------------------------------------------------------------------------------


def import_contacts(*, actor, uploaded_file, request=None):
    """Create contacts, or update the one of the same name at the same account."""
    if not can_create_accounts(actor):
        raise PermissionDenied
    table = read_rows(uploaded_file, required_columns=("account_side", "account", "name"))
    report = ImportReport()
    editable = {(a.side, a.name.lower()): a for a in accounts_editable_by(actor).active()}
    existing = {
        (c.account_id, c.name.lower()): c
        for c in Contact.objects.filter(account__in=list(editable.values()), archived_at__isnull=True)
    }
    seen = set()

    def parse(values, errors):
        side = _choice(values.get("account_side", ""), Account.Side.choices, "account_side", errors)
        account = editable.get((side, values.get("account", "").lower()))
        if side and account is None:
            # Same message whether the account is missing or someone else's: nothing leaks.
            errors.append(("account", _("No account of yours with this name.")))
        name = _text(values, "name", errors, required=True, max_length=150)
        key = (account.pk if account else None, name.lower())
        if account and key in seen:
            errors.append(("name", _("This contact appears twice in the file.")))
        seen.add(key)
        fields = {
            "name": name, "title": _text(values, "role", errors),
            "email": _validated(validate_email, values.get("email", ""), "email",
                                _("Enter a valid email address."), errors),
            "phone": _text(values, "phone", errors), "wechat": _text(values, "wechat", errors),
            "preferred_channel": _text(values, "preferred_channel", errors),
            "is_primary": _flag(values.get("primary", ""), "primary", errors),
        }
        return account, fields, existing.get(key)

    def write(parsed, report):
        for account, fields, contact in parsed:
            _save_imported(actor=actor, instance=contact or Contact(account=account), fields=fields,
                           kind="contact", report=report, request=request)

    return _run(table, parse, write, report, actor=actor, kind="contacts")


def contact_rows(contacts):
    for contact in contacts:
        yield (
            contact.account.side, contact.account.name, contact.name, contact.title, contact.email,
            contact.phone, contact.wechat, contact.preferred_channel, contact.is_primary,
        )
