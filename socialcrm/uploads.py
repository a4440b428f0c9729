"""Uploaded files: the size limit, checked before anything is parsed.

Reading them (encodings, delimiters, header, row-numbered errors) is imports.reader's job, for
every import of the product.
"""

from django.conf import settings
from django.utils.translation import gettext as _


class UploadError(ValueError):
    """The file as a whole cannot be read (too big, binary, unknown encoding)."""


def read_upload_bytes(uploaded_file, max_bytes=None):
    """The whole file, refused before parsing when it is larger than the limit."""
    limit = max_bytes or settings.TABLE_IMPORT_MAX_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise UploadError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    return data
