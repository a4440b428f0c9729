"""An uploaded file seen without holding it in memory: its size, its hash, its first lines and
how many lines it has, each read chunk by chunk from Django's temporary upload file."""

import codecs
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from imports.reading import is_xlsx
from socialcrm.uploads import UploadError

HEAD_BYTES = 1024 * 1024  # the header is within the first lines; 1 MB holds thousands of them
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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


@dataclass
class Head:
    data: bytes
    complete: bool
    line_count: int

    def total_rows(self, lines, header_index):
        """Lines below the header: exact when the whole file was read, else counted from line breaks
        (blank lines and line breaks inside quoted cells count too: it feeds the progress bar)."""
        if self.complete:
            return len(lines) - header_index - 1
        return max(0, self.line_count - lines[header_index].number)


def file_head(uploaded_file):
    """The first lines of a CSV (cut at a line break, so no character or line is cut in half), or
    the whole file for XLSX (a zip that can only be read whole)."""
    uploaded_file.seek(0)
    data = uploaded_file.read(HEAD_BYTES + 1)
    if is_xlsx(data) or len(data) <= HEAD_BYTES:
        data += uploaded_file.read() if is_xlsx(data) else b""
        return Head(data=data, complete=True, line_count=0)
    utf16 = data.startswith(UTF16_BOMS)
    return Head(data=_cut_at_line_break(data[:HEAD_BYTES], utf16), complete=False,
                line_count=_count_lines(uploaded_file, utf16))


def _cut_at_line_break(data, utf16):
    if utf16:
        text = data[: len(data) - len(data) % 2].decode("utf-16", errors="ignore")
        return text[: text.rfind("\n") + 1].encode("utf-16")  # with a byte-order mark again
    return data[: data.rfind(b"\n") + 1]


def _count_lines(uploaded_file, utf16):
    """Lines of the whole file. In UTF-8 and GB18030 a 0x0A byte is always a line break; in UTF-16
    it may be half of a character (上 is 0A 4E), so that is decoded first."""
    uploaded_file.seek(0)
    decode = codecs.getincrementaldecoder("utf-16")(errors="replace").decode if utf16 else None
    breaks, last = 0, ""
    for chunk in uploaded_file.chunks():
        text = decode(chunk) if decode else chunk
        breaks += text.count("\n" if decode else b"\n")
        last = text[-1:] or last
    return breaks + (last not in ("\n", b"\n", ""))
