"""Raw files -> numbered lines of cells, and where the header is.

CSV in UTF-8 (with or without BOM), GB18030/GBK or UTF-16 is decoded by socialcrm.uploads;
XLSX is read with openpyxl. Line numbers are the ones a user sees in a spreadsheet.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.columns import field_for
from socialcrm.uploads import UploadError, decode_text

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SEARCH_LINES = 20
TOTAL_WORDS = ("合计", "总计", "汇总", "total", "totals", "grand total", "summary", "sum")


@dataclass(frozen=True)
class Line:
    number: int
    cells: list


def is_xlsx(data):
    return data.startswith(XLSX_MAGIC)


def read_lines(data):
    """Every non-empty line of the first sheet / the CSV, with its spreadsheet line number."""
    lines = _xlsx_lines(data) if is_xlsx(data) else _csv_lines(data)
    return [line for line in lines if any(not _blank(cell) for cell in line.cells)]


def find_header(lines):
    """The index of the header line: the early line naming the most known columns.

    Title lines ("Campaign report", a date range) above the header are thereby skipped.
    """
    if not lines:
        raise UploadError(_("The file is empty."))
    best, best_score = None, 1
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        score = sum(1 for cell in line.cells if isinstance(cell, str) and field_for(cell))
        if score > best_score:
            best, best_score = index, score
    if best is None:
        raise UploadError(_("No header line found: name at least a date column and one metric "
                            "(e.g. Date, Impressions)."))
    return best


def headers_of(line):
    """Header names, stripped; empty or repeated names get a positional name so each is unique."""
    seen, names = set(), []
    for position, cell in enumerate(line.cells, start=1):
        name = str(cell).strip() if not _blank(cell) else ""
        if not name or name in seen:
            name = f"{name or _('Column')} ({position})"
        seen.add(name)
        names.append(name)
    return names


def is_totals_line(cells):
    """A 'Total', '合计' or 'Summary' line that platforms append (or prepend) to their exports."""
    for cell in cells:
        if _blank(cell):
            continue
        text = str(cell).strip().lower()
        return any(text == word or text.startswith((word + ":", word + " ")) for word in TOTAL_WORDS)
    return False


def _csv_lines(data):
    text = decode_text(data)
    if "\x00" in text:
        raise UploadError(_("This does not look like a text (CSV) file."))
    reader = csv.reader(io.StringIO(text, newline=""))
    lines, start = [], 1
    try:
        for cells in reader:
            lines.append(Line(start, [cell.strip() for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as error:
        raise UploadError(_("Line %(line)s cannot be read as CSV: %(error)s")
                          % {"line": start, "error": error}) from None
    return lines


def _xlsx_lines(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UploadError(_("This XLSX file cannot be opened.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [Line(number, [_xlsx_cell(value) for value in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())
