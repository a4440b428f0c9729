"""Limits on files people attach (evidence, training materials, drafts): size and type."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_EXTENSIONS = frozenset({
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "txt", "csv", "docx", "xlsx", "pptx", "mp4", "zip",
})


def validate_attachment(upload):
    """Refuse files over ATTACHMENT_MAX_BYTES and types a browser or Office could run."""
    limit = getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Files of type “%(type)s” cannot be attached. Allowed: %(allowed)s.")
                              % {"type": extension or "?", "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))})
