"""Post rows -> checked records, the same rules for an uploaded export and an API push.

A row is {field: cell}. Problems are {line, column, reason}, as every import reports them.
Times without a zone are in the business time zone; counts are read with the file's decimal mark
(imports.reader.numbers), so "1.2万" and "12,345" both work.
"""

from datetime import date, datetime

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.reader.numbers import POINT, whole_numbers
from imports.reader.report import row_error
from social.columns import REQUIRED, content_type_of
from social.metrics import COUNTERS
from social.models import Post
from socialcrm.visibility import campaigns_visible_to

DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y年%m月%d日 %H:%M", "%Y-%m-%d", "%Y/%m/%d")
MAX_ROWS = 100_000
TEXT_MAX = 10_000


def check_rows(rows, *, actor, profile, mark=POINT):
    """(records, errors) for `rows`: a list of (line, {field: cell})."""
    errors, records, seen = [], [], {}
    campaigns = {campaign.name.casefold(): campaign for campaign in
                 campaigns_visible_to(actor).filter(advertiser=profile.account)}
    counters = _counters(rows, mark)
    now = timezone.now()
    for index, (line, row) in enumerate(rows):
        problems = []
        for name in REQUIRED:
            if _empty(row.get(name)):
                problems.append(row_error(line, name, _("This field is required.")))
        external_id = _text(row.get("external_id"))[:100]
        published_at = None
        if not _empty(row.get("published_at")):
            published_at = parse_datetime(row.get("published_at"))
            if published_at is None:
                problems.append(row_error(line, "published_at", _("Not a date and time like 2026-03-01 14:30.")))
            elif published_at > now:
                problems.append(row_error(line, "published_at", _("In the future.")))
        campaign = None
        name = _text(row.get("campaign"))
        if name:
            campaign = campaigns.get(name.casefold())
            if campaign is None:
                problems.append(row_error(line, "campaign", _("No campaign of %(account)s named “%(name)s” that you can see.")
                                          % {"account": profile.account.name, "name": name[:80]}))
        text = _text(row.get("text"))
        if len(text) > TEXT_MAX:
            problems.append(row_error(line, "text", _("Longer than %(max)s characters.") % {"max": TEXT_MAX}))
        if external_id and external_id in seen:
            problems.append(row_error(line, "external_id", _("Appears twice in this file (line %(line)s).")
                                      % {"line": seen[external_id]}))
        seen.setdefault(external_id, line)
        problems.extend(counters["errors"].get(index, []))
        if problems:
            errors.extend(problems)
            continue
        records.append({
            "external_id": external_id, "published_at": published_at, "campaign": campaign,
            "content_type": content_type_of(row.get("content_type"), Post.ContentType.values),
            "format": _text(row.get("format"))[:40], "variant_label": _text(row.get("variant_label"))[:60],
            "text": text, **{name: counters["values"][name][index] for name in COUNTERS},
        })
    errors.sort(key=lambda error: error["line"])
    return records, errors


def _counters(rows, mark):
    """Every counter column read at once (vectorised), with its problems per row index."""
    values, problems = {}, {}
    lines = [line for line, _row in rows]
    for name in COUNTERS:
        cells = pd.Series([_cell(row.get(name)) for _line, row in rows], dtype=object)
        parsed = whole_numbers(cells, mark, 0) if len(cells) else pd.DataFrame(
            {"number": [], "bad": [], "unit": []})
        values[name] = [int(number) for number in parsed["number"]]
        for index in parsed.index[parsed["bad"] | (parsed["number"] < 0) | (parsed["unit"] == "%")]:
            problems.setdefault(int(index), []).append(row_error(
                lines[index], name, _("“%(value)s” is not a count.") % {"value": str(cells[index])[:40]}))
    return {"values": values, "errors": problems}


def parse_datetime(value):
    """An aware datetime, or None. Naive times are in the business time zone."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = None
        text = _text(value)
        for pattern in DATETIME_FORMATS:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        if moment is None:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return str(value).strip()


def _text(value):
    if value is None:
        return ""
    return str(value).replace("\x00", "").strip()


def _empty(value):
    return value is None or _text(value) == ""
