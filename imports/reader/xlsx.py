"""XLSX rows streamed with openpyxl's read-only mode, within limits a zip bomb cannot pass.

The archive's declared uncompressed size and the sheet's row count are checked before and while
reading, so an 857 KB file that expands to 3 million rows is refused without being held.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from imports.reader.source import UploadError


def records(stream):
    from openpyxl import load_workbook

    from imports.reader.table import Record

    _check_archive(stream)
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UploadError(_("This XLSX file cannot be opened.")) from None
    limit = settings.IMPORT_MAX_ROWS
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_row or 0
        if declared > limit + 1:
            raise UploadError(_too_many_rows(limit))
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limit + 1:
                raise UploadError(_too_many_rows(limit))
            yield Record(number, number, [_cell(value) for value in values])
    finally:
        workbook.close()


def declared_rows(stream):
    from openpyxl import load_workbook

    _check_archive(stream)
    stream.seek(0)
    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        declared = workbook.worksheets[0].max_row or 0
    finally:
        workbook.close()
    if declared > settings.IMPORT_MAX_ROWS + 1:
        raise UploadError(_too_many_rows(settings.IMPORT_MAX_ROWS))
    if not declared:  # no <dimension> in the sheet: count while streaming, within the limit
        declared = sum(1 for _record in records(stream))
    return declared


def _check_archive(stream):
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UploadError(_("This XLSX file cannot be opened.")) from None
    limit = settings.IMPORT_XLSX_MAX_EXPANDED_BYTES
    if expanded > limit:
        raise UploadError(_(
            "This XLSX file expands to %(size)s MB when opened; the limit is %(limit)s MB. Save it "
            "as CSV, or split it by date range.") % {"size": expanded // (1024 * 1024),
                                                     "limit": limit // (1024 * 1024)})


def _too_many_rows(limit):
    return _("This XLSX sheet has more than %(limit)s rows. Save it as CSV, or split it by date "
             "range.") % {"limit": f"{limit:,}"}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value
