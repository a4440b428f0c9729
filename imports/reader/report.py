"""One shape for what went wrong while reading a file, on every import page.

An error is {line, column, reason} (and last_line when a row spans several lines); the
rejected rows download is the rejected lines as in the file, with their reasons appended.
"""

from django.utils.translation import gettext as _


def row_error(line, column, reason):
    return {"line": line, "column": str(column), "reason": str(reason)}


def rejected_table(headers, cells_by_line, errors):
    """(header, rows) for the CSV download: line, the file's cells, then the reasons."""
    reasons = {}
    for error in errors:
        reasons.setdefault(error["line"], []).append(f"{error['column']}: {error['reason']}")
    rows = [[line, *_fit(cells_by_line.get(line, []), len(headers)), "; ".join(reasons.get(line, []))]
            for line in sorted(reasons)]
    return [_("Line"), *headers, _("Reasons")], rows


def _fit(cells, width):
    """A row with too many fields keeps the extra ones joined into the last column, so nothing is lost."""
    cells = ["" if cell is None else cell for cell in cells]
    if len(cells) > width and width:
        return [*cells[:width - 1], ", ".join(str(cell) for cell in cells[width - 1:])]
    return cells + [""] * (width - len(cells))
