"""Data lines -> fact records, or a reason per bad cell. Nothing here writes.

A record is a tuple in `writer.FACT_COLUMNS` order. Every bad cell of every line is reported as
{line, column, reason}; a line with any bad cell is rejected as a whole.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selectors import campaigns_editable_by
from imports.columns import MONEY_FIELDS
from imports.mapping import CAMPAIGN, KINDS, PUBLISHER, SKIP, Unknown, name_key, remembered
from imports.reading import is_totals_line
from imports.selectors import publishers_choosable_by
from imports.values import CellError, is_none, parse_count, parse_day, parse_money, parse_platform
from reports.kpis import COUNTERS


@dataclass
class Outcome:
    records: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {line, column, reason}
    skipped: list = field(default_factory=list)  # {line, reason}: totals and summary lines
    rejected_lines: set = field(default_factory=set)
    record_lines: list = field(default_factory=list)
    unknown: dict = field(default_factory=dict)  # key -> mapping.Unknown, once per platform name
    unknown_lines: dict = field(default_factory=dict)  # key -> line numbers (kept out of the report)


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
        if text.isdigit() and int(text) in self.campaign_ids:
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
        if text.isdigit() and int(text) in self.publisher_ids:
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


def check_lines(lines, headers, columns, defaults, resolver, progress=None):
    """Validate every data line. `columns` maps field -> header; `defaults` holds the fixed
    campaign/publisher/platform ids chosen in the mapping step for files without those columns.

    A line naming a platform campaign/account that is not placed yet is counted once per name in
    `outcome.unknown` (to be asked in the mapping step), not reported as an error per line; a line
    of a platform campaign the user chose to leave out is skipped.
    """
    position = {header: index for index, header in enumerate(headers)}
    index_of = {name: position[header] for name, header in columns.items() if header in position}
    outcome = Outcome()
    first_seen = {}
    today = timezone.localdate()
    last = len(lines) - 1
    for count, line in enumerate(lines):
        if progress and count % 5000 == 0:
            progress(count)
        cells = line.cells
        if is_totals_line(cells) or (count in (0, last) and _is_summary(cells, index_of)):
            outcome.skipped.append({"line": line.number, "reason": _("Totals or summary line")})
            continue
        record, problems, unknown = _record(cells, index_of, columns, defaults, resolver, today)
        if record is not None and SKIP in record[:2]:
            outcome.skipped.append({"line": line.number,
                                    "reason": _("Left out in the mapping of platform campaigns")})
            continue
        if record is not None:
            key = record[:4]
            if key in first_seen:
                problems.append((_("(whole line)"), _("Same campaign, publisher, platform and day "
                                                      "as line %(line)s.") % {"line": first_seen[key]}))
            else:
                first_seen[key] = line.number
        for name in unknown:
            seen = outcome.unknown.setdefault(name.key, Unknown(name.kind, name.key, name.external_id, name.name))
            seen.saw(line.number, record_day(cells, index_of))
            outcome.unknown_lines.setdefault(name.key, []).append(line.number)
        if problems:
            outcome.rejected_lines.add(line.number)
            outcome.errors.extend({"line": line.number, "column": str(column), "reason": str(reason)}
                                  for column, reason in problems)
        elif not unknown:
            outcome.records.append(record)
            outcome.record_lines.append(line.number)
    return outcome


def record_day(cells, index_of):
    index = index_of.get("day")
    try:
        return parse_day(cells[index]) if index is not None and index < len(cells) else None
    except CellError:
        return None


def _record(cells, index_of, columns, defaults, resolver, today):
    problems, unknown = [], []

    def cell(name):
        index = index_of.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def read(name, parse, fallback=None):
        if name not in index_of:
            return fallback
        try:
            return parse(cell(name))
        except UnknownName as name_error:
            unknown.append(name_error)
            return None
        except CellError as error:
            problems.append((columns[name], error))
            return None

    day = read("day", parse_day)
    if day is not None and day > today:
        problems.append((columns["day"], _("%(day)s is in the future.") % {"day": day.isoformat()}))
    campaign = read(_named("campaign", index_of), lambda value: resolver.campaign(
        cell("campaign"), cell("campaign_external_id")), defaults.get("campaign"))
    publisher = read(_named("publisher", index_of), lambda value: resolver.publisher(
        cell("publisher"), cell("publisher_external_id")), defaults.get("publisher"))
    platform = read("platform", parse_platform, defaults.get("platform"))
    counters = [read(name, parse_money if name in MONEY_FIELDS else parse_count, 0) for name in COUNTERS]
    if problems or unknown:
        return None, problems, unknown
    return (campaign, publisher, platform, day, *counters), problems, unknown


def _named(kind, index_of):
    """The field that names the campaign/publisher: its name column, else the platform's id column."""
    return kind if kind in index_of or f"{kind}_external_id" not in index_of else f"{kind}_external_id"


def _is_summary(cells, index_of):
    """A line without date and names but with numbers: Meta's summary line under the header."""
    identity = [index_of[name] for name in ("day", "campaign") if name in index_of]
    return bool(identity) and all(index >= len(cells) or is_none(cells[index]) for index in identity)
