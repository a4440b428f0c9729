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
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Files of type “%(type)s” cannot be attached. Allowed: %(allowed)s.")
                              % {"type": extension or "?", "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))})


def attachment_response(field_file):
    """Send a stored attachment as a download (never rendered inline), from any storage backend.

    Views call it only after checking the reader may see the record the file belongs to: files
    are never served from a public media URL, so a guessed path reveals nothing.
    """
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(field_file.name).name)
