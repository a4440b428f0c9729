"""JSON fact rows -> the file import's own validation and upsert.

Each row is turned into a row of cells in `imports.columns.FIELDS` order and typed by
`imports.rows.type_rows`, resolved with the importer's `Resolver` and combined per natural key,
so a pushed row is held to exactly the rules of an uploaded file (dates, numbers, the campaigns the user may import for, one row
per natural key). Accepted rows go through `imports.writer.upsert_facts`, and the rollups are
refreshed by the import's own hook. Row numbers in reports are 0-based array indexes.
"""

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.columns import FIELDS, IDENTITY_FIELDS
from imports.reader.dates import ColumnDates, read_dates
from imports.reader.numbers import POINT
from imports.reader.source import NeedsChoice
from imports.reader.table import is_totals_line
from imports.rows import Resolver, combine, records, resolve, type_rows
from imports.services import _refresh_rollups_on_commit as refresh_rollups_after
from imports.writer import upsert_facts
from reports.kpis import COUNTERS

MAX_ROWS = 10_000


def check_rows(rows, user):
    """(records, counters, errors): every problem of every row as {index, field, reason}."""
    errors, cells, indexes = [], [], []
    counters = _counters_named(rows)
    for index, row in enumerate(rows):
        problems = _shape_problems(row, counters)
        errors.extend({"index": index, "field": name, "reason": reason} for name, reason in problems)
        if isinstance(row, dict) and all(row.get(name) is not None for name in IDENTITY_FIELDS) \
                and not _nested_fields(row):
            # Checked even with shape problems, so one response lists every problem of the row.
            row_cells = [_cell(row.get(name)) for name in FIELDS]
            if is_totals_line(row_cells):
                errors.append({"index": index, "field": "day",
                               "reason": _("A totals or summary row is not a fact.")})
                continue
            cells.append(row_cells)
            indexes.append(index)
    columns = {name: name for name in (*IDENTITY_FIELDS, *counters)}
    frame = pd.DataFrame(cells, columns=list(FIELDS), dtype=object)
    dates = ColumnDates()
    dates.add(frame["day"], pd.Series(indexes, index=frame.index, dtype=object))
    try:
        order = dates.order("day")
    except NeedsChoice as error:  # 03/04/2026 with nothing to tell: never guessed
        return [], counters, [*errors, {"index": 0, "field": "day", "reason": str(error)}]
    days = read_dates(dates.first, order)
    chunk = type_rows(frame, indexes, columns, POINT, days, timezone.localdate(), first=False, last=False)
    resolve(chunk, columns, {}, Resolver(user))
    combined = combine([chunk.frame], FIELDS, counters)
    errors.extend({"index": error["line"], "field": error["column"], "reason": error["reason"]}
                  for error in chunk.errors + combined.errors)
    errors.sort(key=lambda error: error["index"])
    return list(records(combined.frame, counters)), counters, errors


def write_records(records, counters):
    """Upsert inside the caller's transaction; rollups refresh once it commits."""
    written = upsert_facts(records, counters)
    refresh_rollups_after(written)
    return written


def _counters_named(rows):
    """The counters this push sets. Counters no row names stay as they are in the database."""
    named = set()
    for row in rows:
        if isinstance(row, dict):
            named.update(row)
    return [name for name in COUNTERS if name in named]


def _shape_problems(row, counters):
    if not isinstance(row, dict):
        return [("", _("Each row must be a JSON object."))]
    problems = [(name, _("Unknown field.")) for name in row if name not in FIELDS]
    problems += [(name, _("Give a number or a text here, not a list or an object.")) for name in _nested_fields(row)]
    problems += [(name, _("This field is required.")) for name in IDENTITY_FIELDS if row.get(name) is None]
    # A counter some rows carry and others omit would silently become 0: ask for it explicitly.
    problems += [(name, _("Other rows carry this counter; give it in every row."))
                 for name in counters if name not in row]
    return problems


def _nested_fields(row):
    """Fields holding a JSON object or array: no cell of a file can hold one."""
    return [name for name, value in row.items() if name in FIELDS and isinstance(value, dict | list)]


def _cell(value):
    if isinstance(value, dict | list):  # JSON objects and arrays are no cell: read as their text, refused
        return str(value)
    return "" if value is None else value
