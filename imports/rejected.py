"""'Download the rejected rows' for imports that keep no file (accounts, contacts, feedback, rates):
the rows are kept for an hour in the cache, for the user who uploaded them only."""

import secrets

from django.core.cache import cache
from django.urls import reverse

from imports.reader.report import rejected_table

KEEP_SECONDS = 3600


def remember(user, name, headers, cells_by_line, errors):
    """Keep the rejected lines of an upload; returns the URL of their CSV download."""
    header, rows = rejected_table(headers, cells_by_line, errors)
    token = secrets.token_urlsafe(16)
    cache.set(_key(token), {"user": user.pk, "name": name, "header": header, "rows": rows}, KEEP_SECONDS)
    return reverse("imports:rejected_download", args=[token])


def recall(user, token):
    """(name, header, rows), or None when gone or someone else's."""
    kept = cache.get(_key(token))
    if not kept or kept["user"] != user.pk:
        return None
    return kept["name"], kept["header"], kept["rows"]


def _key(token):
    return f"imports:rejected:{token}"
