"""Importing feedback collected elsewhere, e.g. comments exported from a social platform.

All or nothing: every row is validated first and every bad row is reported with its line,
column and reason; only a clean file is written, inside one transaction. Rows whose
(channel, external_id) was imported before are skipped, so a re-import adds nothing twice.

| column        | required | meaning                                                          |
| ------------- | -------- | ---------------------------------------------------------------- |
| received_at   | yes      | `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` (site time zone)         |
| source        | yes      | advertiser, publisher or public                                  |
| kind          | yes      | ad_performance, cooperation, content, billing, complaint, praise, suggestion |
| text          | yes      | the comment                                                      |
| channel       | no       | e.g. "Weibo comments" (required for public rows without account) |
| account       | no       | account name, as shown in SocialCRM                              |
| campaign      | no       | campaign name                                                    |
| rating        | no       | 1-5                                                              |
| nps           | no       | 0-10                                                             |
| author        | no       | the commenter's name or handle                                   |
| external_id   | no       | the comment's ID on its platform                                 |
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from feedback.forms import STAFF_TEXT_MAX
from feedback.models import Feedback
from feedback.services import save_new_feedback
from imports import rejected
from imports.reader.plain import read_rows
from imports.reader.report import row_error
from socialcrm.visibility import accounts_visible_to, campaigns_visible_to, ensure_can_write

REQUIRED_COLUMNS = ("received_at", "source", "kind", "text")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
                "%Y/%m/%d %H:%M", "%Y/%m/%d")
MAX_ROWS = 20000


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # {line, column, reason}, as every import reports
    created: int = 0
    skipped: int = 0
    rejected_url: str = ""

    @property
    def ok(self):
        return not self.errors


class RowError(Exception):
    def __init__(self, column, reason):
        super().__init__(reason)
        self.column, self.reason = column, reason


def import_feedback_csv(*, user, uploaded_file, request=None):
    """Raises `UploadError` for an unreadable file; returns an `ImportResult` otherwise."""
    ensure_can_write(user)
    table = read_rows(uploaded_file, required_columns=REQUIRED_COLUMNS)
    result = ImportResult(errors=list(table.errors))
    if len(table.rows) > MAX_ROWS:
        result.errors.append(row_error(0, "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS}))
        return result
    lookups = _Lookups(user)
    parsed = []
    seen = set()
    for row in table.rows:
        try:
            values = _parse_row(_without_nul(row.values), lookups)
        except RowError as error:
            result.errors.append(row_error(row.line, error.column, error.reason))
            continue
        key = (values["channel"], values["external_id"])
        if values["external_id"] and key in seen:
            result.errors.append(row_error(row.line, "external_id", _("Appears twice in this file.")))
            continue
        seen.add(key)
        parsed.append(values)
    if result.errors:
        result.errors.sort(key=lambda error: error["line"])
        result.rejected_url = rejected.remember(user, "feedback", table.header, table.cells, result.errors)
        return result
    already = lookups.imported_keys(parsed)
    with transaction.atomic():
        for values in parsed:
            if values["external_id"] and (values["channel"], values["external_id"]) in already:
                result.skipped += 1
                continue
            save_new_feedback(created_by=user, **values)
            result.created += 1
        record(actor=user, action="feedback.imported", target=None, request=request,
               changes={"file": getattr(uploaded_file, "name", ""), "created": result.created,
                        "skipped": result.skipped})
    return result


def _without_nul(values):
    """UTF-16 files can carry NUL characters, which PostgreSQL text columns refuse."""
    return {column: value.replace("\x00", "") for column, value in values.items()}


class _Lookups:
    """Names to objects, limited to what the importing user may see (one query each)."""

    def __init__(self, user):
        self.accounts = {a.name.casefold(): a for a in accounts_visible_to(user).select_related("account_manager")}
        self.campaigns = {c.name.casefold(): c for c in campaigns_visible_to(user).select_related("account_manager")}

    def imported_keys(self, parsed):
        ids = {values["external_id"] for values in parsed if values["external_id"]}
        if not ids:
            return set()
        return set(Feedback.objects.filter(external_id__in=ids).values_list("channel", "external_id"))


def _parse_row(values, lookups):
    source = _choice(values, "source", Feedback.Source)
    kind = _choice(values, "kind", Feedback.Kind)
    text = values.get("text", "")
    if not text:
        raise RowError("text", _("Empty."))
    if len(text) > STAFF_TEXT_MAX:
        raise RowError("text", _("Longer than %(max)s characters.") % {"max": STAFF_TEXT_MAX})
    account = _lookup(values, "account", lookups.accounts)
    campaign = _lookup(values, "campaign", lookups.campaigns)
    channel = values.get("channel", "")[:50]
    if source != Feedback.Source.PUBLIC and account is None:
        raise RowError("account", _("Partner feedback needs an account."))
    if account is not None and source != Feedback.Source.PUBLIC and account.side != source:
        raise RowError("account", _("This account is not an %(side)s.") % {"side": source})
    if source == Feedback.Source.PUBLIC and account is None and not channel:
        raise RowError("channel", _("Say where public feedback came from."))
    return {
        "received_at": _datetime(values.get("received_at", "")), "source": source, "kind": kind,
        "text": text, "channel": channel, "account": account, "campaign": campaign,
        "rating": _number(values, "rating", 1, 5), "nps": _number(values, "nps", 0, 10),
        "author_name": values.get("author", "")[:150], "external_id": values.get("external_id", "")[:100],
    }


def _choice(values, column, choices):
    value = values.get(column, "").strip().lower()
    if value not in choices.values:
        raise RowError(column, _("“%(value)s” is not one of: %(allowed)s.") % {
            "value": value[:40], "allowed": ", ".join(choices.values)})
    return value


def _lookup(values, column, known):
    name = values.get(column, "")
    if not name:
        return None
    found = known.get(name.casefold())
    if found is None:
        raise RowError(column, _("No %(column)s named “%(name)s” that you can see.") % {
            "column": column, "name": name[:80]})
    return found


def _number(values, column, low, high):
    raw = values.get(column, "")
    if not raw:
        return None
    try:
        number = int(float(raw))
    except (ValueError, OverflowError):
        raise RowError(column, _("Not a number.")) from None
    if number != float(raw) or not low <= number <= high:
        raise RowError(column, _("Must be a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return number


def _datetime(raw):
    for pattern in DATE_FORMATS:
        try:
            moment = datetime.strptime(raw, pattern)
        except ValueError:
            continue
        moment = timezone.make_aware(moment)
        if moment > timezone.now():
            raise RowError("received_at", _("In the future."))
        return moment
    raise RowError("received_at", _("Not a date and time like 2026-03-01 14:30."))
