"""Writes of the API: tokens, pushed facts and pushed feedback. Each is audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from api.errors import ApiError
from api.facts import MAX_ROWS, check_rows, write_records
from api.models import ApiToken, hash_token
from audit.services import record
from feedback.services import create_feedback
from socialcrm.visibility import require_importer


def create_token(*, user, name, request=None):
    """(token, secret): the secret is returned this once and stored only as a hash."""
    secret = ApiToken.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip(), token_hash=hash_token(secret),
                                        hint=secret[:10])
        record(actor=user, action="api.token_created", target=token, changes={"name": token.name},
               request=request)
    return token, secret


def revoke_token(*, user, token, request=None):
    """Stops the token working at once. Only its owner revokes it; revoking twice changes nothing."""
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=user, action="api.token_revoked", target=token, request=request)
    return token


def push_facts(*, token, rows, request=None):
    """Validate every row, then upsert all of them in one transaction or none at all."""
    user = token.user
    require_importer(user)
    if not isinstance(rows, list) or not rows:
        raise ApiError(_("Send a non-empty JSON array of facts."))
    if len(rows) > MAX_ROWS:
        raise ApiError(_("At most %(max)s facts per request.") % {"max": MAX_ROWS}, status=413,
                       code="too_large")
    records, counters, errors = check_rows(rows, user)
    if errors:
        invalid = len({error["index"] for error in errors})
        raise ApiError(ngettext("%(count)s of %(total)s rows is invalid; nothing was written.",
                                "%(count)s of %(total)s rows are invalid; nothing was written.", invalid)
                       % {"count": invalid, "total": len(rows)},
                       code="invalid_rows", rows=errors)
    with transaction.atomic():
        written = write_records(records, counters)
        record(actor=user, action="api.facts_pushed", target=token, request=request, changes={
            "rows": len(records), "counters": counters, "inserted": written.inserted,
            "updated": written.updated, "unchanged": written.unchanged,
            "campaigns": sorted({record_[0] for record_ in records}),
        })
    return written


def push_feedback(*, token, fields, request=None):
    """Feedback through the feedback app's own service (permission, SLA deadline, owner, audit)."""
    with transaction.atomic():
        feedback = create_feedback(user=token.user, request=request, **fields)
        record(actor=token.user, action="api.feedback_pushed", target=feedback,
               changes={"token": token.pk}, request=request)
    return feedback
