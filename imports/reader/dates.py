"""Dates read per column, never guessed per row.

"03/04/2026" is 3 April or March 4: the whole column decides (a first part over 12 means
day-first, a second part over 12 month-first). A column that cannot tell asks the user to choose
the date order at the mapping step.
"""

import re
from datetime import date, datetime

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from imports.reader.source import NeedsChoice

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
ORDER_CHOICES = ((DAY_FIRST, "31/12/2026"), (MONTH_FIRST, "12/31/2026"))
UNAMBIGUOUS_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%B %d, %Y", "%b %d, %Y",
    "%d %B %Y", "%d %b %Y", "%d.%m.%Y",
)
TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
EITHER_ORDER = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")


class ColumnDates:
    """Collects a column's distinct texts, then reads them all one way."""

    def __init__(self):
        self.first = {}  # text -> first line it appears on

    def add(self, cells, lines):
        codes, uniques = pd.factorize(cells)
        if not len(uniques):
            return
        positions = np.full(len(uniques), len(codes))
        np.minimum.at(positions, codes[codes >= 0], np.flatnonzero(codes >= 0))
        for cell, position in zip(uniques, positions.tolist(), strict=True):
            if isinstance(cell, str) and cell not in self.first:
                self.first[cell] = lines.iloc[position]

    def has_either_order(self):
        """Whether some date of the column reads differently day-first and month-first."""
        return any(EITHER_ORDER.fullmatch(_without_time(text)) for text in self.first)

    def order(self, column, chosen=""):
        day_first = month_first = None
        either = None
        for text, line in self.first.items():
            match = EITHER_ORDER.fullmatch(_without_time(text))
            if not match:
                continue
            first, second = int(match[1]), int(match[2])
            if first > 12:
                day_first = day_first or (text, line)
            elif second > 12:
                month_first = month_first or (text, line)
            elif first != second:
                either = either or (text, line)
        if chosen:
            return chosen
        if day_first and month_first:
            raise NeedsChoice(_(
                "Column “%(column)s” has “%(a)s” (line %(a_line)s, day first) and “%(b)s” (line "
                "%(b_line)s, month first). Fix the file, or choose the date order at the mapping step.")
                % {"column": column, "a": day_first[0], "a_line": day_first[1], "b": month_first[0],
                   "b_line": month_first[1]}, field="date_order")
        if day_first or month_first:
            return DAY_FIRST if day_first else MONTH_FIRST
        if either:
            raise NeedsChoice(_(
                "In column “%(column)s”, “%(value)s” (line %(line)s) can be day/month or month/day, "
                "and no date in the file tells which. Choose the date order at the mapping step.")
                % {"column": column, "value": either[0], "line": either[1]}, field="date_order")
        return DAY_FIRST


def read_dates(texts, order):
    """{text: date or None} for the distinct texts of a column (None: not a date)."""
    return {text: read_date(text, order) for text in texts}


def read_date(value, order=DAY_FIRST):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # A leading ' is how CSV downloads (ours included) keep a date as typed: not part of it.
    text = _without_time(re.sub(r"\s+", " ", str(value).strip().removeprefix("'")))
    match = EITHER_ORDER.fullmatch(text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        day, month = (first, second) if order == DAY_FIRST else (second, first)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for fmt in UNAMBIGUOUS_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _without_time(text):
    return TIME_SUFFIX.sub("", text.strip().removeprefix("'"))


def not_a_date(value):
    return _("'%(value)s' is not a date we can read (e.g. 2026-10-01, 2026/10/01, October 1, 2026).") % {
        "value": str(value)[:60]}
