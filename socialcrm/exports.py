"""CSV and XLSX downloads that Excel opens correctly in English and Chinese, and that cannot
smuggle formulas into a spreadsheet (CSV/formula injection)."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.encoding import iri_to_uri

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Text Excel would silently turn into a date when it opens a CSV: "2/4", "3-12", "2026/1/5".
LOOKS_LIKE_A_DATE = re.compile(r"^\s*\d{1,4}\s*[/-]\s*\d{1,2}(\s*[/-]\s*\d{1,4})?\s*$")
# A signed figure in the KPI notation ("+50.0 %", "-12.3 %", "-1,234.50"): digits only, so no
# formula can hide in it, and the quote would show in the cell and break the one notation.
SIGNED_FIGURE = re.compile(r"^[+-]\d[\d,]*(\.\d+)?( ?[%×])?$")
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MONEY_FORMAT, COUNT_FORMAT, DATE_FORMAT = "#,##0.00", "#,##0", "yyyy-mm-dd"


def safe_cell(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal, date, datetime)):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not SIGNED_FIGURE.match(text):
        return "'" + text
    return text


def csv_response(filename, header, rows):
    """UTF-8 with a byte-order mark, so Excel shows Chinese text instead of mojibake."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_text(safe_cell(cell)) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    _attach(response, filename)
    return response


def sheet_name(title):
    """A valid Excel sheet name: no []:*?/\\, at most 31 characters, cut between words."""
    name = SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip().strip("'") or "Data"
    if len(name) <= SHEET_NAME_LIMIT:
        return name
    cut = name[:SHEET_NAME_LIMIT + 1].rsplit(" ", 1)[0].rstrip(" -·,")
    return cut if cut and " " in name[:SHEET_NAME_LIMIT + 1] else name[:SHEET_NAME_LIMIT]


def xlsx_response(filename, header, rows, sheet_title="Data"):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(sheet_title))
    sheet.append([safe_cell(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, safe_cell(cell)) for cell in row])
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX_TYPE)
    _attach(response, filename)
    return response


def refused_download(form):
    """A 400 naming what is wrong with the filters, instead of a file for filters nobody asked for."""
    problems = "\n".join(f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
                         for name, errors in form.errors.items())
    return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")


def _csv_text(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and LOOKS_LIKE_A_DATE.match(value):
        return "'" + value  # shown as typed, the same way formula-like text is kept as text
    return value


def _xlsx_cell(sheet, value):
    """Numbers stay numbers, shown grouped (money with two decimals); dates as dates."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, float):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = COUNT_FORMAT
    elif isinstance(value, (date, datetime)):
        naive = value.replace(tzinfo=None) if isinstance(value, datetime) else value
        cell = WriteOnlyCell(sheet, value=naive)
        cell.number_format = DATE_FORMAT if not isinstance(value, datetime) else "yyyy-mm-dd hh:mm"
    else:
        return value
    return cell


def _attach(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{iri_to_uri(filename)}"
    response["Cache-Control"] = "private, no-store"
