"""A CSV or XLSX file -> its layout (encoding, delimiter, header line) and its data rows in chunks.

Every physical line is accounted for: before the header (titles), blank, skipped (totals), read
as a row, or rejected with a reason naming its line (wrong number of fields, a download cut in
the middle of its last line, a quote that swallows the lines after it).
"""

import codecs
import csv
import itertools
import re
from dataclasses import asdict, dataclass, field

import pandas as pd
from django.utils.translation import gettext as _

from imports.reader import xlsx
from imports.reader.source import UploadError, detect_encoding, is_xlsx, opened, text_lines

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_LINES = 20
SAMPLE_LINES = 60
CHUNK_ROWS = 50_000
TOTAL_WORDS = ("合计", "总计", "汇总", "total", "totals", "grand total", "summary", "sum")
TOTALS = re.compile(r"(?:%s)(?:$|[:\s])" % "|".join(re.escape(word) for word in TOTAL_WORDS), re.IGNORECASE)  # noqa: UP031
csv.field_size_limit(10 * 1024 * 1024)


@dataclass(frozen=True)
class Layout:
    kind: str  # "csv" or "xlsx"
    header_line: int
    headers: tuple
    encoding: str = ""
    delimiter: str = ","

    def as_dict(self):
        return {**asdict(self), "headers": list(self.headers)}


@dataclass(frozen=True)
class Record:
    first_line: int
    last_line: int
    cells: list


@dataclass
class LineCount:
    """Where every physical line of the file went."""

    total: int = 0
    before_header: int = 0
    blank: int = 0
    skipped: int = 0
    read: int = 0
    rejected: int = 0

    def as_dict(self):
        return asdict(self)


@dataclass
class RawChunk:
    frame: pd.DataFrame  # one column per header, cells as in the file (text, or XLSX values)
    lines: list  # first physical line of each row of `frame`
    problems: list = field(default_factory=list)  # {line, last_line, column, reason}
    skipped: list = field(default_factory=list)  # {line, reason}


def detect_layout(source, header_score, min_score=2, not_found=None):
    """Find the delimiter and the header line: the early line naming the most known columns
    (`header_score(cells)`), so title lines above it ("Campaign report", a date range) are skipped."""
    with opened(source) as stream:
        if is_xlsx(stream):
            candidates = [("xlsx", "", ",", itertools.islice(xlsx.records(stream), SAMPLE_LINES))]
            return _best_layout(candidates, header_score, min_score, not_found)
        encoding = detect_encoding(stream)
        sample = list(itertools.islice(text_lines(stream, encoding, {}), SAMPLE_LINES))
    candidates = [("csv", encoding, delimiter, _csv_records(iter(sample), delimiter))
                  for delimiter in DELIMITERS]
    return _best_layout(candidates, header_score, min_score, not_found)


def _best_layout(candidates, header_score, min_score, not_found):
    best, best_rank = None, None
    for kind, encoding, delimiter, records in candidates:
        records = [record for record in _safe(records) if not is_blank(record.cells)]
        for index, record in enumerate(records[:HEADER_SEARCH_LINES]):
            score = header_score(record.cells)
            if score < min_score:
                continue
            width = len(record.cells)
            consistent = sum(1 for later in records[index + 1:] if len(later.cells) == width)
            rank = (score, consistent, -index)
            if best_rank is None or rank > best_rank:
                best_rank = rank
                best = Layout(kind=kind, encoding=encoding, delimiter=delimiter,
                              header_line=record.first_line, headers=tuple(headers_of(record.cells)))
    if best is None:
        raise UploadError(not_found or _("No header line found."))
    return best


def _safe(records):
    try:
        yield from records
    except csv.Error:
        return


def headers_of(cells):
    """Header names, stripped; empty or repeated names get a positional name so each is unique."""
    seen, names = set(), []
    for position, cell in enumerate(cells, start=1):
        name = "" if is_blank(cell) else str(cell).strip()
        if not name or name in seen:
            name = f"{name or _('Column')} ({position})"
        seen.add(name)
        names.append(name)
    return names


def iter_chunks(source, layout, count, *, multiline_ok=False, chunk_rows=CHUNK_ROWS,
                totals=True):
    """The data rows under the header as RawChunks; `count` (a LineCount) is filled as we go."""
    width = len(layout.headers)
    rows, lines, problems, skipped = [], [], [], []
    with opened(source) as stream:
        state = {}
        if layout.kind == "xlsx":
            records = xlsx.records(stream)
        else:
            records = _csv_records(text_lines(stream, layout.encoding, state), layout.delimiter)
        records = list_last(records)
        try:
            for record, is_last in records:
                count.total = record.last_line
                if record.last_line <= layout.header_line:
                    count.before_header = record.last_line
                    continue
                if is_blank(record.cells):
                    count.blank += record.last_line - record.first_line + 1
                    continue
                if totals and is_totals_line(record.cells):
                    count.skipped += 1
                    skipped.append({"line": record.first_line, "reason": _("Totals or summary line")})
                    continue
                cells = _trimmed(record.cells, width)
                problem = _shape_problem(record, cells, width, multiline_ok,
                                         is_last and not state.get("ended_with_newline", True))
                if problem:
                    problem["cells"] = record.cells
                    count.rejected += record.last_line - record.first_line + 1
                    problems.append(problem)
                    continue
                count.read += 1
                rows.append(cells)
                lines.append(record.first_line)
                if len(rows) >= chunk_rows:
                    yield _chunk(rows, lines, problems, skipped, layout.headers)
                    rows, lines, problems, skipped = [], [], [], []
        except csv.Error as error:
            raise UploadError(_("Line %(line)s cannot be read as CSV: %(error)s")
                              % {"line": count.total + 1, "error": error}) from None
    if rows or problems or skipped:
        yield _chunk(rows, lines, problems, skipped, layout.headers)


def estimated_rows(source, layout):
    """Lines below the header, counted from line ends (fast, for progress; exact when no cell
    spans lines)."""
    with opened(source) as stream:
        if layout.kind == "xlsx":
            return max(0, xlsx.declared_rows(stream) - layout.header_line)
        newline = _newline_bytes(layout.encoding, stream.read(2))
        stream.seek(0)
        lines, last = 0, b""
        while block := stream.read(1024 * 1024):
            lines += block.count(newline)
            last = block
        if last and not last.endswith(newline):
            lines += 1
    return max(0, lines - layout.header_line)


def _newline_bytes(encoding, head):
    if encoding == "utf-16":
        return "\n".encode("utf-16-be" if head == codecs.BOM_UTF16_BE else "utf-16-le")
    return "\n".encode("utf-8" if encoding == "utf-8-sig" else encoding)


def list_last(iterable):
    """(item, is_last) pairs, looking one item ahead."""
    iterator = iter(iterable)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, False
        previous = item
    yield previous, True


def _chunk(rows, lines, problems, skipped, headers):
    frame = pd.DataFrame(rows, columns=list(headers), dtype=object)
    return RawChunk(frame=frame, lines=lines, problems=problems, skipped=skipped)


def _trimmed(cells, width):
    """Trailing empty cells beyond the header (a trailing delimiter) are not fields."""
    if len(cells) > width and all(is_blank(cell) for cell in cells[width:]):
        return cells[:width]
    return cells


def _shape_problem(record, cells, width, multiline_ok, cut_off):
    first, last = record.first_line, record.last_line
    if len(cells) == width and (last == first or multiline_ok):
        return None  # the common case, decided before any message is built
    problem = {"line": first, "last_line": last, "column": _("(whole line)")}
    if last > first and not multiline_ok:
        return {**problem, "reason": _(
            "Lines %(first)s–%(last)s were read as one row: a quote on line %(first)s is not "
            "closed on its own line. Nothing of these lines was imported.")
            % {"first": first, "last": last}}
    if len(cells) == width:
        return None
    if cut_off and len(cells) < width:
        return {**problem, "reason": _(
            "The file ends in the middle of this line (%(found)s of %(width)s fields): the "
            "download was probably cut off.") % {"found": len(cells), "width": width}}
    reason = _("This line has %(found)s fields; the header has %(width)s.") % {
        "found": len(cells), "width": width}
    if last > first:
        reason += " " + _("A quote on line %(first)s swallows the lines up to %(last)s.") % {
            "first": first, "last": last}
    elif len(cells) > width:
        reason += " " + _("A number written with a thousands separator but without quotes "
                          "(e.g. 12,345) splits into two fields.")
    return {**problem, "reason": reason}


def _csv_records(lines, delimiter):
    """Records with the physical lines they span. Cells keep their spaces: every reader of a
    cell strips it, so the common case costs nothing here."""
    reader = csv.reader(lines, delimiter=delimiter)
    start = 1
    for cells in reader:
        end = reader.line_num
        yield Record(start, end, cells)
        start = end + 1


def is_blank(cells):
    return all(_blank(cell) for cell in cells) if isinstance(cells, list) else _blank(cells)


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def is_totals_line(cells):
    """A 'Total', '合计' or 'Summary' line that platforms append (or prepend) to their exports."""
    for cell in cells:
        if _blank(cell):
            continue
        return isinstance(cell, str) and TOTALS.match(cell.strip()) is not None
    return False
