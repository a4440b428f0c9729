"""Data lines -> fact records, or a reason per bad cell. Nothing here writes.

A record is a tuple in `writer.FACT_COLUMNS` order. Every bad cell of every line is reported as
{line, column, reason}; a line with any bad cell is rejected as a whole.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from imports.columns import MONEY_FIELDS
from imports.reading import is_totals_line
from imports.values import CellError, is_none, parse_count, parse_day, parse_money, parse_platform
from reports.kpis import COUNTERS
from socialcrm.visibility import campaigns_editable_by, publishers_choosable_by


@dataclass
class Outcome:
    records: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {line, column, reason}
    skipped: list = field(default_factory=list)  # {line, reason}: totals and summary lines
    rejected_lines: set = field(default_factory=set)
    record_lines: list = field(default_factory=list)


class Resolver:
    """Campaign, publisher and platform names -> ids, limited to what the importer may write.

    Loads the user's campaigns and the publishers they may name once, so checking a line costs no query.
    """

    def __init__(self, user):
        self.campaigns_by_name = {}
        self.campaign_ids = set()
        for pk, name in campaigns_editable_by(user).values_list("pk", "name"):
            self.campaigns_by_name.setdefault(name.strip().lower(), []).append(pk)
            self.campaign_ids.add(pk)
        self.publishers = {name.strip().lower(): pk for pk, name in
                           publishers_choosable_by(user).values_list("pk", "name")}
        self.publisher_ids = set(self.publishers.values())

    def campaign(self, value):
        text = str(value).strip()
        ids = self.campaigns_by_name.get(text.lower(), [])
        if _is_id(text) and int(text) in self.campaign_ids:
            return int(text)
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise CellError(_("'%(name)s' names several of your campaigns; use the campaign id.")
                            % {"name": text})
        raise CellError(_("'%(name)s' is not a campaign you may import for.") % {"name": text})

    def publisher(self, value):
        text = str(value).strip()
        if _is_id(text) and int(text) in self.publisher_ids:
            return int(text)
        if text.lower() in self.publishers:
            return self.publishers[text.lower()]
        raise CellError(_("'%(name)s' is not a known publisher.") % {"name": text})


def _is_id(text):
    # str.isdigit() alone accepts "³", which int() refuses.
    return text.isascii() and text.isdigit() and len(text) < 20


def check_lines(lines, headers, columns, defaults, resolver, progress=None):
    """Validate every data line. `columns` maps field -> header; `defaults` holds the fixed
    campaign/publisher/platform ids chosen in the mapping step for files without those columns."""
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
        record, problems = _record(cells, index_of, columns, defaults, resolver, today)
        if record is not None:
            key = record[:4]
            if key in first_seen:
                problems.append((_("(whole line)"), _("Same campaign, publisher, platform and day "
                                                      "as line %(line)s.") % {"line": first_seen[key]}))
            else:
                first_seen[key] = line.number
        if problems:
            outcome.rejected_lines.add(line.number)
            outcome.errors.extend({"line": line.number, "column": str(column), "reason": str(reason)}
                                  for column, reason in problems)
        else:
            outcome.records.append(record)
            outcome.record_lines.append(line.number)
    return outcome


def _record(cells, index_of, columns, defaults, resolver, today):
    problems = []

    def cell(name):
        index = index_of.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def read(name, parse, fallback=None):
        if name not in index_of:
            return fallback
        try:
            return parse(cell(name))
        except CellError as error:
            problems.append((columns[name], error))
            return None

    day = read("day", parse_day)
    if day is not None and day > today:
        problems.append((columns["day"], _("%(day)s is in the future.") % {"day": day.isoformat()}))
    campaign = read("campaign", resolver.campaign, defaults.get("campaign"))
    publisher = read("publisher", resolver.publisher, defaults.get("publisher"))
    platform = read("platform", parse_platform, defaults.get("platform"))
    counters = [read(name, parse_money if name in MONEY_FIELDS else parse_count, 0) for name in COUNTERS]
    if problems:
        return None, problems
    return (campaign, publisher, platform, day, *counters), problems


def _is_summary(cells, index_of):
    """A line without date and names but with numbers: Meta's summary line under the header."""
    identity = [index_of[name] for name in ("day", "campaign") if name in index_of]
    return bool(identity) and all(index >= len(cells) or is_none(cells[index]) for index in identity)
