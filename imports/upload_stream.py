"""An uploaded file seen without holding it in memory: its size checked before anything is read,
its hash computed chunk by chunk from Django's temporary upload file."""

import hashlib

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from socialcrm.uploads import UploadError


def check_upload_size(uploaded_file, limit=None):
    limit = limit or settings.IMPORT_MAX_BYTES
    if uploaded_file.size is None or uploaded_file.size > limit:
        raise UploadError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})


def sha256_of(uploaded_file):
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    return digest.hexdigest()
