"""Tables with fixed column names (accounts, contacts, feedback) read by the same reader as
performance files: any supported encoding and delimiter, CSV or XLSX, title lines above the
header skipped, and every malformed line reported by line instead of read shifted."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from imports.reader.table import LineCount, detect_layout, iter_chunks
from socialcrm.uploads import UploadError, read_upload_bytes


@dataclass(frozen=True)
class Row:
    line: int
    values: dict


@dataclass
class Table:
    header: list
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {line, column, reason}: lines that are not rows
    cells: dict = field(default_factory=dict)  # line -> cells as in the file, for the rejected download


def read_rows(uploaded_file, required_columns=(), max_bytes=None):
    """Every data row as {header: text}; raises UploadError when the file or a column is missing."""
    data = read_upload_bytes(uploaded_file, max_bytes)
    required = set(required_columns)
    layout = detect_layout(data, lambda cells: sum(1 for cell in cells if _text(cell) in required),
                           min_score=0, not_found=_("The file is empty."))
    missing = [column for column in required_columns if column not in layout.headers]
    if missing:
        raise UploadError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    table = Table(header=list(layout.headers))
    for chunk in iter_chunks(data, layout, LineCount(), multiline_ok=True, totals=False):
        for line, cells in zip(chunk.lines, chunk.frame.itertuples(index=False, name=None), strict=True):
            texts = [_text(cell) for cell in cells]
            table.cells[line] = texts
            table.rows.append(Row(line=line, values=dict(zip(table.header, texts, strict=True))))
        for problem in chunk.problems:
            table.cells[problem["line"]] = [_text(cell) for cell in problem["cells"]]
            table.errors.append({"line": problem["line"], "column": problem["column"],
                                 "reason": problem["reason"]})
    return table


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()
