"""CSV and XLSX downloads that Excel opens correctly in English and Chinese, and that cannot
smuggle formulas into a spreadsheet (CSV/formula injection)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.encoding import iri_to_uri

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal, date, datetime)):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
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


def xlsx_response(filename, header, rows, sheet_title="Data"):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([safe_cell(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_value(safe_cell(cell)) for cell in row])
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
    return value


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _attach(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{iri_to_uri(filename)}"
    response["Cache-Control"] = "private, no-store"
