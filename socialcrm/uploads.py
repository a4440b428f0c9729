"""Reading uploaded CSV files the way partners really send them.

Exports from Excel and ad platforms arrive as UTF-8 (with or without a byte-order mark),
GB18030/GBK (Chinese Excel) or UTF-16. `read_csv_upload` decodes them and yields rows with the
line number a user sees in their spreadsheet, so every error can point at a line.
"""

import codecs
import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

ENCODINGS = ("utf-8", "gb18030")


class UploadError(ValueError):
    """The file as a whole cannot be read (too big, binary, unknown encoding)."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict


def read_upload_bytes(uploaded_file, max_bytes=None):
    """The whole file, refused before parsing when it is larger than the limit."""
    limit = max_bytes or settings.TABLE_IMPORT_MAX_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise UploadError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
    return data


def decode_text(data):
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise UploadError(_("This does not look like a text (CSV) file."))
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(_("The file's text encoding is not UTF-8, GB18030/GBK or UTF-16."))


def csv_rows(text, required_columns=()):
    """Rows as dicts keyed by stripped header names; raises UploadError on a missing column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise UploadError(_("The file is empty.")) from None
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise UploadError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    rows = []
    for values in reader:
        if not any(cell.strip() for cell in values):
            continue
        rows.append(Row(line=reader.line_num, values=dict(zip(header, (v.strip() for v in values), strict=False))))
    return header, rows


def read_csv_upload(uploaded_file, required_columns=(), max_bytes=None):
    return csv_rows(decode_text(read_upload_bytes(uploaded_file, max_bytes)), required_columns)
