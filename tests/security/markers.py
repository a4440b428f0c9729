"""Unique marker strings planted in every text field of objects someone may not see, and the
readers that turn any response (page, partial, export, feed, email, API) into searchable text.

Each family of markers names who must never read it:

| marker      | planted in                                                    | must not reach           |
| ----------- | ------------------------------------------------------------- | ------------------------ |
| zqxconf     | the confidential advertiser and everything on it; a           | analyst, account manager |
|             | confidential publisher carried by a visible campaign          | A, project lead A        |
| zqxforeign  | another manager's advertiser (B), its campaign and all on it  | account manager A,       |
|             |                                                               | project lead A           |
| zqxpeer     | lead B's campaign on advertiser A (shared with lead A)        | project lead A           |

A new role (partner users of one organisation) gets its entry in FORBIDDEN (and a user in
tests/security/conftest.py ROLE_USER): every page, export, feed, email and API check then runs
for it too.
"""

import io

from django.db.models import CharField, EmailField, TextField, URLField
from openpyxl import load_workbook

CONFIDENTIAL, FOREIGN, PEER = "zqxconf", "zqxforeign", "zqxpeer"
FORBIDDEN = {
    "analyst": (CONFIDENTIAL,),
    "account_manager": (CONFIDENTIAL, FOREIGN),
    "project_lead": (CONFIDENTIAL, FOREIGN, PEER),
    # A client contact of advertiser A: lead B's campaign on A is its own campaign (no PEER).
    "partner": (CONFIDENTIAL, FOREIGN),
}
# Machine keys, not text a person reads: planting in them would break the object, not test it.
NOT_TEXT = {"dedupe_key", "token", "nonce", "content_hash", "password", "currency", "original_name",
            "key_hash", "prefix"}


def plant(obj, marker):
    """Overwrite every free-text field of `obj` with `marker` plus where it sits (unique per row)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if (not isinstance(field, CharField | TextField) or isinstance(field, URLField)
                or field.choices or field.primary_key or field.name in NOT_TEXT):
            continue
        if field.max_length and field.max_length < len(marker) + 8:
            continue
        if isinstance(field, EmailField):
            value = f"{marker}{obj._meta.model_name}{obj.pk}@example.com"
        else:
            value = f"{marker} {obj._meta.model_name} {field.name} {obj.pk}"
        values[field.name] = value[:field.max_length] if field.max_length else value
    type(obj).objects.filter(pk=obj.pk).update(**values)


def leaked(text, role):
    """The forbidden markers of `role` found in `text`."""
    lowered = text.lower()
    return [marker for marker in FORBIDDEN[role] if marker in lowered]


def readable(response):
    """The text a user or an integration gets: xlsx cells, or the body of anything else."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row)
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    return body.decode(errors="replace")


def email_text(message):
    """Subject, body, alternatives and text attachments of an email."""
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        content = attachment[1] if isinstance(attachment, tuple) else attachment.get_payload()
        if isinstance(content, bytes) and content.startswith(b"PK"):
            book = load_workbook(io.BytesIO(content), read_only=True)
            content = "\n".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r)
        parts.append(content.decode(errors="replace") if isinstance(content, bytes) else str(content))
    return "\n".join(map(str, parts))
