"""A performance export -> typed fact rows, in chunks, and every bad cell with its line. Nothing
here writes.

`read_facts` reads the file once, turning each chunk of rows into a pandas frame of typed
columns with vectorised parsing; the file's decimal mark and the date order of its date column
are still decided from ALL values, never per row (a misleading start means a second read,
`ReadAgain`):

    line                  int    first physical line of the row in the file
    day                   date
    campaign_name         str    as the platform writes it ("" when the file has no such column)
    campaign_external_id  str    the platform's campaign id ("" when none)
    publisher             str    as written ("" when none)
    platform              str    platform code ("" when none)
    <counters>            int64  counts; spend and revenue in whole CENTS (exact)

Errors are {line, column, reason}; a row with any bad cell is left out of the frame.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.columns import MONEY_FIELDS, is_breakdown_header
from imports.mapping import CAMPAIGN, KINDS, PUBLISHER, SKIP, Unknown, name_key, remembered
from imports.reader.dates import DAY_FIRST, ColumnDates, not_a_date, read_date, read_dates
from imports.reader.numbers import POINT, Evidence, plain_column, whole_numbers
from imports.reader.source import NeedsChoice
from imports.reader.table import LineCount, iter_chunks, list_last
from imports.values import CellError, parse_platform
from imports.writer import frame_records as records  # noqa: F401 - the writer's tuples, for callers of rows
from reports.kpis import COUNTERS
from socialcrm.visibility import campaigns_editable_by, publishers_choosable_by

KEY = ("campaign", "publisher", "platform", "day")
TEXT_FIELDS = ("campaign_name", "campaign_external_id", "publisher", "publisher_external_id", "platform")
MAX_COUNT = 10**15
MAX_CENTS = 99_999_999_999_999
CENTS = Decimal(100)


@dataclass
class ReadingOptions:
    """Choices the user made at the mapping step for a file that cannot tell by itself."""

    date_order: str = ""
    decimal_mark: str = ""


@dataclass
class FactChunk:
    frame: pd.DataFrame
    errors: list = field(default_factory=list)  # {line, column, reason}
    skipped: list = field(default_factory=list)  # {line, reason}


class ReadAgain(Exception):  # noqa: N818 - not an error: the reading to use on the second pass
    """The first pass guessed the file's decimal mark or date order from its first rows, and
    the whole file decided otherwise: read it again with `options` (rare; nothing was kept)."""

    def __init__(self, options):
        super().__init__("read again")
        self.options = options


def read_facts(source, layout, columns, options=None, count=None, chunk_rows=None):
    """FactChunks of `source`, reading it once; raises NeedsChoice when the numbers or dates can
    be read two ways, and ReadAgain (after the last chunk) when the first rows misled the pass.

    The decimal mark and the date order are decided from EVERY value of the file, never per
    row: the first chunk's values fix a working reading, every later value is still collected,
    and at the end the whole file's decision must be the working one or the caller reads again.
    """
    options = options or ReadingOptions()
    count = count if count is not None else LineCount()
    sizes = {"chunk_rows": chunk_rows} if chunk_rows else {}
    counters = [columns[name] for name in COUNTERS if name in columns]
    delimiter = layout.delimiter if layout.kind == "csv" else ""
    evidence, dates, readings = Evidence(), ColumnDates(), {}
    mark = order = None
    today = timezone.localdate()
    raw_chunks = list_last(iter_chunks(source, layout, count, **sizes))
    for position, (raw, is_last) in enumerate(raw_chunks):
        lines = pd.Series(raw.lines, index=raw.frame.index, dtype=object)
        for name in ("day", "day_end"):  # a period's end is read in the same order as its start
            if name in columns:
                dates.add(raw.frame[columns[name]], lines)
        if mark is None:
            for header in counters:
                evidence.add(raw.frame[header], lines)
            mark = _working(lambda: evidence.decide(delimiter, options.decimal_mark), POINT)
            order = _working(lambda: dates.order(columns["day"], options.date_order), DAY_FIRST) \
                if "day" in columns else ""
            plains = {}
        else:
            plains = {header: plain_column(raw.frame[header], mark) for header in counters}
            for header in counters:
                if plains[header] is None:
                    evidence.add(raw.frame[header], lines)
                else:
                    evidence.add_plain(plains[header], mark, raw.frame[header], lines)
        if "day" in columns:
            new = [text for text in dates.first if text not in readings]
            readings.update(read_dates(new, order))
        chunk = type_rows(raw.frame, raw.lines, columns, mark, readings, today,
                          first=position == 0, last=is_last, plains=plains)
        chunk.errors[:0] = [{key: problem[key] for key in ("line", "column", "reason")} | _span(problem)
                            for problem in raw.problems]
        chunk.skipped[:0] = raw.skipped
        yield chunk
    final_mark = evidence.decide(delimiter, options.decimal_mark)
    final_order = dates.order(columns["day"], options.date_order) if "day" in columns else ""
    misread = mark is not None and final_mark != mark
    misread |= order is not None and final_order != order and dates.has_either_order()
    if misread:
        raise ReadAgain(ReadingOptions(date_order=final_order, decimal_mark=final_mark))


def _working(decide, fallback):
    try:
        return decide()
    except NeedsChoice:
        return fallback  # the rest of the file may still tell; checked at the end


def _span(problem):
    return {"last_line": problem["last_line"]} if problem["last_line"] != problem["line"] else {}


def type_rows(frame, lines, columns, mark, day_texts, today, first=True, last=True, plains=None):
    """One chunk of raw cells -> FactChunk (vectorised per column; a Python loop only over errors)."""
    lines = pd.Series(lines, index=frame.index, dtype="int64")
    bad = pd.Series(False, index=frame.index)
    errors = []

    def reject(mask, header, reason):
        nonlocal bad
        for index in mask[mask].index:
            errors.append({"line": int(lines[index]), "column": str(header),
                           "reason": str(reason(index) if callable(reason) else reason)})
        bad |= mask

    out = pd.DataFrame({"line": lines})
    skipped = _summary_lines(frame, lines, columns, first, last)
    if "day" in columns:
        out["day"] = _days(frame[columns["day"]], day_texts, today, reject, columns["day"])
    if "day" in columns and "day_end" in columns:
        out["day_end"] = _days(frame[columns["day_end"]], day_texts, today, reject, columns["day_end"])
        reject(pd.Series([_ends_before(start, end) for start, end in zip(out["day"], out["day_end"], strict=True)],
                         index=out.index, dtype=bool),
               columns["day_end"], _("The period ends before it starts."))
    for name in TEXT_FIELDS:
        source = "campaign" if name == "campaign_name" else name
        out[name] = _texts(frame, columns.get(source), reject, required=source in ("campaign", "publisher"))
    if "platform" in columns:
        out["platform"] = _platforms(out["platform"], reject, columns["platform"])
    for name in COUNTERS:
        if name in columns:
            out[name] = _counter(frame[columns[name]], name, mark, reject, columns[name],
                                 (plains or {}).get(columns[name]))
    skip = lines.isin([item["line"] for item in skipped])
    errors = [error for error in errors if error["line"] not in {item["line"] for item in skipped}]
    good = out[~bad & ~skip].copy()
    for name in COUNTERS:
        if name in good:
            good[name] = good[name].astype("int64")
    return FactChunk(frame=good, errors=sorted(errors, key=lambda error: error["line"]), skipped=skipped)


def _summary_lines(frame, lines, columns, first, last):
    """Meta's summary line under the header (or last): numbers without a date or a campaign."""
    identity = [columns[name] for name in ("day", "campaign") if name in columns]
    if not identity or frame.empty:
        return []
    skipped = []
    for position, is_edge in ((0, first), (len(frame) - 1, last)):
        row = frame.iloc[position]
        if is_edge and all(_is_none(row[header]) for header in identity):
            line = int(lines.iloc[position])
            if not any(item["line"] == line for item in skipped):
                skipped.append({"line": line, "reason": _("Totals or summary line")})
    return skipped


def per_distinct(cells, function, dtype=object):
    """function(value) for each distinct value of `cells`, spread back over the rows (a Series)."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    answers = np.empty(len(uniques), dtype=dtype)
    answers[:] = [function(value) for value in uniques]
    return pd.Series(answers[codes], index=cells.index, dtype=dtype)


def _days(cells, day_texts, today, reject, header):
    days = per_distinct(cells, lambda cell: day_texts.get(cell) if isinstance(cell, str) else read_date(cell))
    missing = per_distinct(cells, _is_none, dtype=bool)
    readings = dict.fromkeys(days.unique().tolist())
    reject(missing, header, _("The date is missing."))
    reject(days.isna() & ~missing, header, lambda index: not_a_date(cells[index]))
    future = days.isin({day for day in readings if day is not None and day > today})
    reject(future, header, lambda index: _("%(day)s is in the future.") % {"day": days[index].isoformat()})
    return days


def _ends_before(start, end):
    return isinstance(start, date) and isinstance(end, date) and end < start


def _texts(frame, header, reject, required):
    if header is None:
        return ""
    cells = per_distinct(frame[header], lambda cell: "" if _is_none(cell) else str(cell).strip())
    if required:
        reject(cells == "", header, _("This cell is empty."))
    return cells


def _platforms(texts, reject, header):
    def code(text):
        try:
            return parse_platform(text)
        except CellError as error:
            return error

    parsed = per_distinct(texts, code)
    failed = per_distinct(parsed, lambda value: isinstance(value, CellError), dtype=bool)
    reject(failed, header, lambda index: parsed[index])
    return parsed.where(~failed, "")


def _counter(cells, name, mark, reject, header, plain=None):
    """Whole counts, or whole cents for money (exact, half-up)."""
    is_money = name in MONEY_FIELDS
    parsed = whole_numbers(cells, mark, 2 if is_money else 0, plain=plain)
    numbers, limit = parsed["number"], MAX_CENTS if is_money else MAX_COUNT
    if plain is not None and not parsed["bad"].any() and not parsed["missing"].any() \
            and not (parsed["unit"] != "").any():
        reject(numbers > limit, header, lambda index: _("%(value)s is too large.") % {"value": _clip(cells[index])})
        return numbers  # plain numbers: no sign, no unit, none empty
    reject(parsed["bad"], header, lambda index: _("'%(value)s' is not a number.") % {"value": _clip(cells[index])})
    reject(parsed["unit"] == "%", header, lambda index: _(
        "'%(value)s' is a percentage; this column needs an amount.") % {"value": _clip(cells[index])})
    if is_money:
        reject(parsed["missing"], header, _("The amount is empty; write 0 if there was none."))
    reject(numbers < 0, header, lambda index: _("%(value)s is negative.") % {"value": _clip(cells[index])})
    reject(numbers > limit, header, lambda index: _("%(value)s is too large.") % {"value": _clip(cells[index])})
    return numbers


def _is_none(value):
    from imports.reader.numbers import NONE_MARKERS

    return value is None or (isinstance(value, str) and value.strip().lower() in NONE_MARKERS) or (
        isinstance(value, float) and np.isnan(value))


def _clip(value, length=60):
    text = str(value)
    return text if len(text) <= length else text[:length] + "…"


# Platform names -> CRM ids ----------------------------------------------------------------


class UnknownName(CellError):
    """A platform campaign/account name that neither the CRM nor the source's mapping places."""

    def __init__(self, kind, external_id, name, message):
        super().__init__(message)
        self.kind, self.external_id, self.name = kind, external_id, name
        self.key = name_key(external_id, name)


class Resolver:
    """Campaign, publisher and platform names -> ids, limited to what the importer may write.

    Loads the user's campaigns and the publishers they may name once, so checking a line costs no query.
    With a `source`, the answers remembered for that source's platform names come first, and a
    name nobody placed yet raises UnknownName so the import can ask about it once.
    """

    def __init__(self, user, source=None):
        self.campaigns_by_name = {}
        self.campaign_ids = set()
        for pk, name in campaigns_editable_by(user).values_list("pk", "name"):
            self.campaigns_by_name.setdefault(name.strip().lower(), []).append(pk)
            self.campaign_ids.add(pk)
        self.publishers = {name.strip().lower(): pk for pk, name in
                           publishers_choosable_by(user).values_list("pk", "name")}
        self.publisher_ids = set(self.publishers.values())
        self.asks = source is not None
        self.mapped = {kind: remembered(user, source, kind) if self.asks else {} for kind in KINDS}

    def campaign(self, value, external_id=""):
        text, external_id = str(value or "").strip(), str(external_id or "").strip()
        mapped = self._mapped(CAMPAIGN, external_id, text)
        if mapped is not None:
            return mapped
        ids = self.campaigns_by_name.get(text.lower(), [])
        if _is_id(text) and int(text) in self.campaign_ids:
            return int(text)
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise CellError(_("'%(name)s' names several of your campaigns; use the campaign id.")
                            % {"name": text})
        self._unknown(CAMPAIGN, external_id, text,
                      _("'%(name)s' is not a campaign you may import for.") % {"name": text or external_id})

    def publisher(self, value, external_id=""):
        text, external_id = str(value or "").strip(), str(external_id or "").strip()
        mapped = self._mapped(PUBLISHER, external_id, text)
        if mapped is not None:
            return mapped
        if _is_id(text) and int(text) in self.publisher_ids:
            return int(text)
        if text.lower() in self.publishers:
            return self.publishers[text.lower()]
        self._unknown(PUBLISHER, external_id, text,
                      _("'%(name)s' is not a known publisher.") % {"name": text or external_id})

    def _mapped(self, kind, external_id, name):
        book = self.mapped[kind]
        if external_id and name_key(external_id) in book:
            return book[name_key(external_id)]
        return book.get(name_key("", name)) if name else None

    def _unknown(self, kind, external_id, name, message):
        if self.asks and (name or external_id):
            raise UnknownName(kind, external_id, name, message)
        raise CellError(message)


def _is_id(text):
    # str.isdigit() alone accepts "³", which int() refuses.
    return text.isascii() and text.isdigit() and len(text) < 20


NAMED_BY = (("campaign", "campaign_name", "campaign_external_id"),
            ("publisher", "publisher", "publisher_external_id"))
PLATFORM_TEXTS = ("campaign_name", "campaign_external_id", "publisher_external_id")


def resolve(chunk, columns, defaults, resolver, unknown=None):
    """Add the CRM `campaign` and `publisher` ids to a chunk's frame (one lookup per distinct
    platform name, not per row).

    Rows that name none of the user's campaigns or publishers move to the chunk's errors; with a
    resolver that asks (an import with a source), rows of platform names nobody placed yet leave
    the frame and are counted once per name in `unknown` (key -> mapping.Unknown), and rows of a
    platform campaign the user chose to leave out are skipped.
    """
    frame = chunk.frame
    bad = pd.Series(False, index=frame.index)
    left_out = pd.Series(False, index=frame.index)
    for kind, name_column, id_column in NAMED_BY:
        if kind not in columns and id_column not in columns:
            frame[kind] = defaults.get(kind)
            continue
        lookup = getattr(resolver, kind)
        codes, pairs = _pairs(frame[id_column], frame[name_column])
        answers = []
        for external_id, text in pairs:
            try:
                answers.append(lookup(text, external_id))
            except CellError as error:
                answers.append(error)
        answers = pd.Series(answers, dtype=object)
        resolved = pd.Series(answers.to_numpy()[codes], index=frame.index, dtype=object)
        unplaced = pd.Series(answers.map(lambda value: isinstance(value, UnknownName)).to_numpy()[codes],
                             index=frame.index)
        failed = pd.Series(answers.map(lambda value: isinstance(value, CellError)).to_numpy()[codes],
                           index=frame.index) & ~unplaced
        header = columns.get(kind) or columns[id_column]
        chunk.errors.extend({"line": int(frame.at[index, "line"]), "column": header,
                             "reason": str(resolved[index])} for index in failed[failed].index)
        if unknown is not None and unplaced.any():
            _count_unknown(unknown, frame[unplaced], resolved[unplaced])
        left_out |= pd.Series(answers.map(lambda value: value is SKIP).to_numpy()[codes], index=frame.index)
        bad |= failed | unplaced
        frame[kind] = resolved.where(~(failed | unplaced | left_out), None)
    if "platform" not in columns:
        frame["platform"] = defaults.get("platform", "")
    left_out &= ~bad
    chunk.skipped.extend({"line": int(line), "reason": _("Left out in the mapping of platform campaigns")}
                         for line in frame.loc[left_out, "line"])
    chunk.errors.sort(key=lambda error: error["line"])
    kept = frame[~bad & ~left_out].drop(columns=[name for name in PLATFORM_TEXTS if name in frame])
    for kind, _name_column, _id_column in NAMED_BY:  # ids from here on: the texts would only hold memory
        kept[kind] = kept[kind].astype("int64")
    chunk.frame = kept
    return chunk


def _pairs(ids, names):
    """(a code per row, the distinct (id, name) pairs): one lookup per distinct pair."""
    if isinstance(ids, str):  # the file has no id column
        codes, uniques = pd.factorize(names)
        return codes, [(ids, name) for name in uniques]
    id_codes, id_uniques = pd.factorize(ids)
    name_codes, name_uniques = pd.factorize(names)
    codes, pair_uniques = pd.factorize(id_codes.astype("int64") * len(name_uniques) + name_codes)
    return codes, [(id_uniques[pair // len(name_uniques)], name_uniques[pair % len(name_uniques)])
                   for pair in pair_uniques.tolist()]


def _count_unknown(unknown, frame, names):
    days = frame["day"] if "day" in frame else pd.Series(None, index=frame.index, dtype=object)
    for name in {name.key: name for name in names}.values():
        rows = names.map(lambda value, key=name.key: value.key == key)
        seen = unknown.setdefault(name.key, Unknown(name.kind, name.key, name.external_id, name.name))
        seen.saw(frame.loc[rows, "line"].tolist(), [day for day in days[rows] if day is not None and day == day])


# Rows sharing a key --------------------------------------------------------------------------


@dataclass
class Combined:
    frame: pd.DataFrame
    errors: list = field(default_factory=list)
    breakdown_rows: int = 0  # rows of a breakdown file that were added up
    summed_into: int = 0


def combine(frames, headers, counters):
    """One row per campaign × publisher × platform × day.

    A breakdown file (by ad set, ad, creative, age, region...) has several rows per key: they
    are added up. In any other file a repeated key is an error naming the first line.
    """
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["line", *KEY])
    if frame.empty:
        return Combined(frame=frame)
    repeated = frame.duplicated(list(KEY), keep=False)
    if not repeated.any():
        return Combined(frame=frame)
    if any(is_breakdown_header(header) for header in headers):
        summed = (frame.groupby(list(KEY), sort=False, dropna=False)
                  .agg(line=("line", "min"), **{name: (name, "sum") for name in counters})
                  .reset_index())
        return Combined(frame=summed, breakdown_rows=int(repeated.sum()),
                        summed_into=int(frame[repeated].drop_duplicates(list(KEY)).shape[0]))
    first_line = frame.groupby(list(KEY), sort=False, dropna=False)["line"].transform("min")
    later = repeated & (frame["line"] != first_line)
    errors = [{"line": int(line), "column": _("(whole line)"),
               "reason": _("Same campaign, publisher, platform and day as line %(line)s.") % {"line": int(first)}}
              for line, first in zip(frame.loc[later, "line"], first_line[later], strict=True)]
    return Combined(frame=frame[~later], errors=errors)


# Rows covering a period ---------------------------------------------------------------------


def split_periods(frame):
    """(day rows, period rows) of a resolved frame. A row whose period end is after its day covers
    several days: its reach is the platform's reach for that period (never a sum of days), and its
    other numbers are not daily figures, so it is kept apart from the daily facts."""
    if "day_end" not in frame:
        return frame, frame.iloc[0:0]
    is_period = pd.Series([isinstance(end, date) and end > day for day, end in zip(frame["day"], frame["day_end"],
                                                                                   strict=True)],
                          index=frame.index, dtype=bool)
    return frame[~is_period].drop(columns=["day_end"]), frame[is_period]


PERIOD_KEY = ("campaign", "publisher", "platform", "day", "day_end")


def period_reach_rows(frames, columns):
    """(rows, errors): each period row as {line, campaign, publisher, platform, start_on, end_on,
    reach} for campaigns.PeriodReach. Reach over a period cannot be added up, so the same campaign,
    publisher, platform and period twice (a breakdown by ad or age) is an error, not a sum; and a
    file that maps no reach column has nothing to keep from such a row."""
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if frame.empty:
        return [], []
    if "reach" not in frame:
        return [], [{"line": int(line), "column": columns["day_end"], "reason": _(
            "This row covers %(start)s – %(end)s, not one day: only its reach could be kept (as the "
            "period's reach), and no reach column is mapped.") % {"start": start.isoformat(), "end": end.isoformat()}}
            for line, start, end in zip(frame["line"], frame["day"], frame["day_end"], strict=True)]
    first_line = frame.groupby(list(PERIOD_KEY), sort=False)["line"].transform("min")
    later = frame["line"] != first_line
    errors = [{"line": int(line), "column": columns["reach"], "reason": _(
        "Same campaign, publisher, platform and period as line %(line)s: reach over a period cannot be "
        "added up.") % {"line": int(first)}} for line, first in zip(frame.loc[later, "line"], first_line[later],
                                                                    strict=True)]
    rows = [{"line": int(row.line), "campaign": int(row.campaign), "publisher": int(row.publisher),
             "platform": row.platform, "start_on": row.day.isoformat(), "end_on": row.day_end.isoformat(),
             "reach": int(row.reach)} for row in frame[~later].itertuples(index=False)]
    return rows, errors
