"""Comments on plan steps and reviews: @mentions that notify, files kept through the storage API.

A file on a review step is a draft for the review's next decision (campaigns.services.record_review
binds it to the decision). A text draft on a compliance review is checked against the compliance
term list when it is attached, so the reviewer sees its flags before deciding. Comments are
archived, never deleted.
"""

import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns import compliance
from campaigns.models import ReviewStage, StepComment
from notifications.services import notify
from socialcrm.attachments import validate_attachment
from socialcrm.messages import deferred
from socialcrm.visibility import can_comment_on, can_edit_campaign, staff_who_see_campaign

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
TEXT_DRAFT_EXTENSIONS = {"txt"}
CHECKED_TEXT_BYTES = 1024 * 1024  # copy longer than this is not ad copy: check the first megabyte


def mentioned_usernames(body):
    return sorted({name.rstrip(".") for name in MENTION.findall(body or "")})


def resolve_mentions(body, campaign):
    """The staff `body` mentions; a name that is unknown or cannot see the campaign is refused."""
    names = mentioned_usernames(body)
    if not names:
        return []
    staff = {user.username.lower(): user for user in staff_who_see_campaign(campaign)}
    unknown = [name for name in names if name.lower() not in staff]
    if unknown:
        raise ValidationError(_("Only colleagues who may see this campaign can be mentioned; not: %(names)s.")
                              % {"names": ", ".join(f"@{name}" for name in unknown)})
    return [staff[name.lower()] for name in names]


def read_text_draft(upload):
    """The text of a plain-text draft (UTF-8 or GB 18030, the usual encodings of Chinese copy)."""
    upload.seek(0)
    raw = upload.read(CHECKED_TEXT_BYTES)
    upload.seek(0)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def is_text_draft(upload):
    return PurePath(upload.name).suffix.lower().lstrip(".") in TEXT_DRAFT_EXTENSIONS


def post_comment(*, actor, milestone, body="", upload=None, request=None):
    """Add a comment (and/or a file) to a step; tell the people it mentions."""
    campaign = milestone.campaign
    if not can_comment_on(actor, campaign):
        raise PermissionDenied
    body = (body or "").strip()
    if not body and upload is None:
        raise ValidationError(_("Write a comment or attach a file."))
    mentioned = resolve_mentions(body, campaign)
    flags = []
    if upload is not None:
        validate_attachment(upload)
        if milestone.review_stage == ReviewStage.COMPLIANCE and is_text_draft(upload):
            flags = [flag.as_json() for flag in compliance.check_copy(read_text_draft(upload))]
    with transaction.atomic():
        comment = StepComment.objects.create(milestone=milestone, author=actor, body=body,
                                             attachment=upload or "", flags=flags)
        comment.mentioned.set(mentioned)
        record(actor=actor, action="campaigns.comment.added", target=milestone, request=request,
               changes={"comment": comment.pk, "file": comment.file_name,
                        "mentioned": [user.username for user in mentioned],
                        "flags": [flag["term"] for flag in flags]})
        url = f"{reverse('campaigns:milestone_detail', args=[milestone.pk])}#comment-{comment.pk}"
        for user in mentioned:
            if user.pk == actor.pk:
                continue
            notify(recipient=user, kind="step_mention", about=milestone, url=url,
                   dedupe_key=f"step-mention:{comment.pk}:{user.pk}",
                   message=deferred("step_mention", author=str(actor), step=milestone.name,
                                    campaign=campaign, text=body[:120]))
    return comment


def archive_comment(*, actor, comment, request=None):
    """Hide a comment (its author or the campaign's editors); it stays in the database."""
    if comment.author_id != actor.pk and not can_edit_campaign(actor, comment.milestone.campaign):
        raise PermissionDenied
    with transaction.atomic():
        comment.archived_at = timezone.now()
        comment.save(update_fields=["archived_at"])
        record(actor=actor, action="campaigns.comment.archived", target=comment.milestone, request=request,
               changes={"comment": comment.pk})
    return comment


def max_upload_megabytes():
    return settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
