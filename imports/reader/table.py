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

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from imports.reader import xlsx
from imports.reader.source import (
    UploadError,
    detect_encoding,
    is_xlsx,
    opened,
    text_blocks,
    text_lines,
)

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_LINES = 20
SAMPLE_LINES = 60
CHUNK_ROWS = 20_000
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


def iter_chunks(source, layout, count, *, multiline_ok=False, chunk_rows=None, totals=True):
    """The data rows under the header as RawChunks; `count` (a LineCount) is filled as we go."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    width = len(layout.headers)
    chunk = _ChunkBuilder(layout.headers, chunk_rows)
    with opened(source) as stream:
        state = {}
        if layout.kind == "xlsx":
            blocks = _record_blocks(list_last(xlsx.records(stream)))
        else:
            lines = _Lines(text_blocks(stream, layout.encoding, state))
            blocks = _csv_blocks(lines, layout.delimiter, chunk_rows)
        for block in blocks:
            cut_off = not state.get("ended_with_newline", True)
            if block.spans is None:
                _add_simple(chunk, count, block, layout, width, totals, cut_off, multiline_ok)
            else:
                for (first, last, is_last), cells in zip(block.spans, block.rows, strict=True):
                    count.total = last
                    _one_record(chunk, count, first, last, cells, is_last and cut_off, layout, width,
                                multiline_ok, totals)
            count.total = block.last_line
            yield from chunk.full()
    yield from chunk.rest()


class _ChunkBuilder:
    """Rows read so far, cut into RawChunks of `chunk_rows` rows."""

    def __init__(self, headers, chunk_rows):
        self.headers, self.chunk_rows = headers, chunk_rows
        self.rows, self.lines, self.problems, self.skipped = [], [], [], []

    def add_rows(self, rows, lines):
        self.rows.extend(rows)
        self.lines.extend(lines)

    def full(self):
        while len(self.rows) >= self.chunk_rows:
            rows, lines = self.rows[:self.chunk_rows], self.lines[:self.chunk_rows]
            del self.rows[:self.chunk_rows], self.lines[:self.chunk_rows]
            yield self._cut(rows, lines)

    def rest(self):
        if self.rows or self.problems or self.skipped:
            yield self._cut(self.rows, self.lines)
            self.rows, self.lines = [], []

    def _cut(self, rows, lines):
        raw = _chunk(rows, lines, self.problems, self.skipped, self.headers)
        self.problems, self.skipped = [], []
        return raw


def _one_record(chunk, count, first, last, cells, cut_off, layout, width, multiline_ok, totals):
    """Where one record goes: before the header, blank, totals, rejected, or read."""
    if last <= layout.header_line:
        count.before_header = last
        return
    if is_blank(cells):
        count.blank += last - first + 1
        return
    if totals and is_totals_line(cells):
        count.skipped += 1
        chunk.skipped.append({"line": first, "reason": _("Totals or summary line")})
        return
    trimmed = _trimmed(cells, width)
    problem = _shape_problem(Record(first, last, cells), trimmed, width, multiline_ok, cut_off)
    if problem:
        problem["cells"] = cells
        count.rejected += last - first + 1
        chunk.problems.append(problem)
        return
    count.read += 1
    chunk.add_rows([trimmed], [first])


@dataclass
class _Block:
    """Records read together. `rows` are one physical line each, from `first_line` on, when
    `spans` is None (the common case: checked in bulk); else `spans` holds (first, last, is_last)
    per row."""

    first_line: int
    last_line: int
    rows: list
    spans: list = None
    is_last: bool = False


class _Lines:
    """Lines from an iterator of lists of lines; can tell whether another line follows."""

    def __init__(self, blocks):
        self._blocks, self._ahead = iter(blocks), []

    def __iter__(self):
        return self

    def __next__(self):
        if not self._ahead:
            self._ahead = next(self._blocks)[::-1]
        return self._ahead.pop()

    def take(self, size):
        taken = []
        while len(taken) < size:
            if not self._ahead:
                block = next(self._blocks, None)
                if block is None:
                    break
                self._ahead = block[::-1]
            wanted = size - len(taken)
            part = self._ahead[-wanted:]
            del self._ahead[-wanted:]
            taken.extend(reversed(part))
        return taken

    def at_end(self):
        while not self._ahead:
            block = next(self._blocks, None)
            if block is None:
                return True
            self._ahead = block[::-1]
        return False


def _csv_blocks(lines, delimiter, size):
    """Blocks of about `size` lines. A block whose lines are each one well-formed record is
    split by the csv module in one call; any other block (a quoted cell spanning lines, a stray
    quote) is read record by record with the lines each record spans."""
    consumed = 0
    while block := lines.take(size):
        try:
            rows = list(csv.reader(block, delimiter=delimiter, strict=True))
        except csv.Error:
            rows = None
        if rows is not None and len(rows) == len(block):
            yield _Block(consumed + 1, consumed + len(block), rows, is_last=lines.at_end())
            consumed += len(block)
            continue
        spans, rows = [], []
        reader = csv.reader(itertools.chain(block, lines), delimiter=delimiter)
        start = 1
        try:
            for cells in reader:
                end = reader.line_num
                rows.append(cells)
                spans.append((consumed + start, consumed + end))
                start = end + 1
                if end >= len(block):
                    break
        except csv.Error as error:
            raise UploadError(_("Line %(line)s cannot be read as CSV: %(error)s")
                              % {"line": consumed + start, "error": error}) from None
        last_is_last = lines.at_end()
        yield _Block(consumed + 1, consumed + start - 1, rows,
                     spans=[(first, last, last_is_last and index == len(spans) - 1)
                            for index, (first, last) in enumerate(spans)])
        consumed += start - 1


def _record_blocks(records):
    """XLSX records (one per sheet row) as blocks of one record each."""
    for record, is_last in records:
        yield _Block(record.first_line, record.last_line, [record.cells],
                     spans=[(record.first_line, record.last_line, is_last)])


def _add_simple(chunk, count, block, layout, width, totals, cut_off, multiline_ok):
    """A block of one-line records: the usual rows go to the chunk in bulk; the others (wrong
    number of fields, up to the header, maybe blank or a totals line, the file's last line) are
    looked at one by one, in line order."""
    rows, first = block.rows, block.first_line
    look = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)) != width
    if first <= layout.header_line:
        look[:layout.header_line - first + 1] = True
    if block.is_last:
        look[-1] = True
    # A blank or totals line has a blank first cell or a totals word in it: only the first
    # column is searched (one C scan), the hits are looked at one by one.
    firsts = [row[0] if row else "" for row in rows]
    text, starts = "\n".join(firsts), None
    for pattern in _first_cell_patterns(totals):
        for hit in pattern.finditer(text):
            if starts is None:
                starts = np.cumsum([0, *(len(cell) + 1 for cell in firsts)])
            look[int(np.searchsorted(starts, hit.start(), side="right")) - 1] = True
    done = 0
    for index in np.flatnonzero(look).tolist():
        chunk.add_rows(rows[done:index], range(first + done, first + index))
        count.read += index - done
        count.total = first + index
        _one_record(chunk, count, first + index, first + index, rows[index],
                    block.is_last and index == len(rows) - 1 and cut_off, layout, width, multiline_ok, totals)
        done = index + 1
    chunk.add_rows(rows[done:], range(first + done, first + len(rows)))
    count.read += len(rows) - done


FIRST_CELL_BLANK = re.compile(r"^[^\S\n]*$", re.M)
FIRST_CELL_TOTALS = re.compile(r"^[^\S\n]*(?:%s)" % "|".join(re.escape(word) for word in TOTAL_WORDS),  # noqa: UP031
                               re.M | re.I)


def _first_cell_patterns(totals):
    return (FIRST_CELL_BLANK, FIRST_CELL_TOTALS) if totals else (FIRST_CELL_BLANK,)


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
