"""Numbers as platforms write them, read exactly (Decimal), with the decimal mark decided per file.

"3.500,64", "12,50", "1 234,56" (decimal comma) and "1,234.56", "12.50" (decimal point) are read
the way the file writes them: the mark comes from the values that can only be read one way
("12,50", "1,234,567", "1.234,56"). A file that shows both is refused, and one that shows
neither but has values like "1.234" asks the user. Units: 万, 亿, %, K, M and currency signs.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from imports.reader.source import NeedsChoice

POINT, COMMA = ".", ","
MARK_CHOICES = ((POINT, "1,234.56"), (COMMA, "1.234,56"))
NONE_MARKERS = frozenset({"", "-", "--", "—", "–", "n/a", "na", "null", "none", "nan", "无", "#n/a"})
UNITS = {"万": 4, "亿": 8, "k": 3, "m": 6, "%": -2}  # powers of ten
CURRENCY = re.compile(r"[¥￥$€£₩₹元]|(?i:\b(?:cny|rmb|usd|eur|gbp|hkd|jpy)\b)")
GROUP_SPACE = re.compile(r"[\s\u00a0\u202f'’]+")
SPACE_NOT_GROUPING = re.compile(r"(?<!\d) | (?!\d)")
SHAPE = re.compile(r"^(?P<sign>[-+−]?)(?P<open>\(?)(?P<body>[\d., ]+)\)?(?P<unit>万|亿|%|[kKmM])?$")
GROUPED = {
    POINT: re.compile(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"),
    COMMA: re.compile(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+"),
}
ONLY_READ_AS = {
    POINT: re.compile(r"\d{1,3}(?:[ ,]\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|\d*\.(?:\d{1,2}|\d{4,})"
                      r"|(?:0|\d{4,})\.\d+"),
    COMMA: re.compile(r"\d{1,3}(?:[ .]\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d*,(?:\d{1,2}|\d{4,})"
                      r"|(?:0|\d{4,}),\d+"),
}
# The common case, read without the general parser: digits, optional thousands groups and decimals.
PLAIN = {
    POINT: re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    COMMA: re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
}
# Cheap first looks, run over a whole column joined by newlines: a superset of the evidence.
HINTS = {
    POINT: re.compile(r"\.\d{1,2}(?:\D|$)|\.\d{4}|,\d{3}\.|,\d{3},|(?:^|\D)0\.\d|\d{4}\.", re.M),
    COMMA: re.compile(r",\d{1,2}(?:\D|$)|,\d{4}|\.\d{3},|\.\d{3}\.|(?:^|\D)0,\d|\d{4},|\d[ \u00a0]\d{3},",
                      re.M),
    "either": re.compile(r"(?:^|[^\d.,])[1-9]\d{0,2}[.,]\d{3}(?:$|[^\d.,])", re.M),
}
DIGITS_ONLY = re.compile(r"(?:\d{1,15}\n)*\d{1,15}")
EITHER_WAY = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


class Evidence:
    """What the values seen so far say about the file's decimal mark (one example of each)."""

    def __init__(self):
        self.examples = {}  # POINT / COMMA / "either" -> (value, line)

    def add(self, texts, lines):
        """`texts`: a Series of cells (index aligned with `lines`). The column is searched as one
        string (in C) for each kind of evidence still missing; only the hits are checked one by
        one, up to the first that confirms."""
        if POINT in self.examples and COMMA in self.examples:
            return  # the file will be refused anyway
        texts, joined = _joined(texts)
        starts = None
        for key, pattern in (*ONLY_READ_AS.items(), ("either", EITHER_WAY)):
            if key in self.examples:
                continue
            for hit in HINTS[key].finditer(joined):
                if starts is None:
                    starts = np.cumsum([0, *(len(text) + 1 for text in texts)])
                position = int(np.searchsorted(starts, hit.start(), side="right")) - 1
                text = texts.iloc[position]
                match = SHAPE.match(_clean_one(text))
                if match and pattern.fullmatch(match["body"]):
                    self.examples[key] = (text, lines[texts.index[position]])
                    break

    def add_plain(self, plain, mark, texts, lines):
        """Like `add`, for a column `plain_column` found plain under `mark`: such cells can show
        the other mark only as "0,123" ("0.123"), and one-way-or-the-other only as "1,234"."""
        if mark not in self.examples:
            self.add(texts, lines)
            return
        if POINT not in plain and COMMA not in plain:
            return  # whole numbers only: nothing to tell
        for key, pattern in ((COMMA if mark == POINT else POINT, OTHER_IN_PLAIN[mark]), ("either", EITHER_IN_PLAIN)):
            if key in self.examples:
                continue
            hit = _cell_search(pattern, plain)
            if hit:
                index = plain.count("\n", 0, hit.start() + 1) if hit.start() else 0
                self.examples[key] = (texts.iloc[index], lines[texts.index[index]])

    def decide(self, delimiter, chosen=""):
        """The file's decimal mark, or NeedsChoice when the values cannot tell."""
        if chosen:
            return chosen
        point, comma = self.examples.get(POINT), self.examples.get(COMMA)
        if point and comma:
            raise NeedsChoice(_(
                "This file writes numbers two ways: “%(point)s” (line %(point_line)s) has a decimal "
                "point, “%(comma)s” (line %(comma_line)s) a decimal comma. Fix the file, or choose "
                "the number format at the mapping step.")
                % {"point": point[0], "point_line": point[1], "comma": comma[0], "comma_line": comma[1]},
                field="decimal_mark")
        if point or comma:
            return POINT if point else COMMA
        either = self.examples.get("either")
        if not either:
            return POINT
        separator = COMMA if COMMA in either[0] else POINT
        if delimiter == "," and separator == COMMA:
            return POINT  # quoted "12,345" in a comma CSV: a decimal comma would have shown as "12,5"
        if delimiter == ";" and separator == POINT:
            return COMMA
        raise NeedsChoice(_(
            "“%(value)s” (line %(line)s) can be read as %(thousand)s or as %(decimal)s, and no other "
            "number in the file tells which. Choose the number format at the mapping step.")
            % {"value": either[0], "line": either[1], "thousand": either[0].replace(",", "").replace(".", ""),
               "decimal": either[0].replace(",", ".")}, field="decimal_mark")


def parse_numbers(cells, mark):
    """Decimals for a Series of cells: a frame with `value` (Decimal, or None for an empty or '-'
    cell), `unit` ('%', '万'... or '') and `bad` (True where the cell is not a number)."""
    result = pd.DataFrame({"value": pd.Series([None] * len(cells), index=cells.index, dtype=object),
                           "unit": "", "bad": False}, index=cells.index)
    is_text = cells.map(lambda value: isinstance(value, str))
    typed = cells[~is_text]
    for index, value in typed.items():
        if value is None or isinstance(value, bool) or (isinstance(value, float) and value != value):
            result.at[index, "bad"] = not (value is None or isinstance(value, float))
        elif isinstance(value, int | float | Decimal):
            result.at[index, "value"] = Decimal(str(value))
        else:
            result.at[index, "bad"] = True
    texts = cells[is_text]
    if texts.empty:
        return result
    texts = texts[~texts.str.strip().str.lower().isin(NONE_MARKERS)]
    plain = texts.str.fullmatch(PLAIN[mark])
    if plain.any():
        result.loc[plain[plain].index, "value"] = _plain_decimals(texts[plain], mark)
        texts = texts[~plain]
    if texts.empty:
        return result
    parts = _cleaned(texts).str.extract(SHAPE)
    valid = parts["body"].notna() & parts["body"].fillna("").str.fullmatch(GROUPED[mark])
    result.loc[texts.index[~valid.to_numpy()], "bad"] = True
    parts = parts[valid]
    if parts.empty:
        return result
    canonical = _canonical(parts["body"], mark)
    signs = parts["sign"].where(parts["open"] == "", "-").replace("−", "-")
    units = parts["unit"].fillna("").str.lower()
    values = [_decimal(sign, body, unit) for sign, body, unit in zip(signs, canonical, units, strict=True)]
    result.loc[parts.index, "value"] = pd.Series(values, index=parts.index, dtype=object)
    result.loc[parts.index, "unit"] = units
    return result


# A column whose every cell is a plain number (after currency signs), checked in a few C scans
# of the whole column instead of cell by cell: any hit below means "not plain" for that mark.
PLAIN_VIOLATIONS = {
    mark: [re.compile(pattern) for pattern in (
        r"[^0-9\n%s]" % re.escape(POINT + COMMA),  # noqa: UP031 - anything but digits and marks
        r"\n(?![0-9])",  # a cell not starting with a digit (or empty)
        r"%s(?![0-9])" % re.escape(mark),  # noqa: UP031 - a decimal mark not followed by digits
        r"%s[0-9]*[.,]" % re.escape(mark),  # noqa: UP031 - anything after the decimals
        r"%s(?![0-9]{3}(?![0-9]))" % re.escape(COMMA if mark == POINT else POINT),  # noqa: UP031 - groups of 3
        r"\n[0-9]{4,}%s" % re.escape(COMMA if mark == POINT else POINT),  # noqa: UP031 - a first group of 4+
    )]
    for mark in (POINT, COMMA)
}
# Cells of a plain column that tell something: "0,123" under a decimal point ("0.123" under a
# comma), and "1,234" or "1.234" (either way). Each pattern starts at the "\n" before its cell, so
# the regex engine can skip ahead by substring search (`(?:^|\n)` would defeat it); `_cell_search`
# looks at the first cell apart.
OTHER_IN_PLAIN = {POINT: re.compile(r"\n0,[0-9]{3}(?:\n|$)"), COMMA: re.compile(r"\n0\.[0-9]{3}(?:\n|$)")}
EITHER_IN_PLAIN = re.compile(r"\n[1-9][0-9]{0,2}[.,][0-9]{3}(?:\n|$)")
CELL_PEEK = 16  # longer than any cell the patterns above match
CURRENCY_SIGNS = "¥￥$€£₩₹元"
ASCII_LETTER = re.compile(r"[A-Za-z]")


def plain_column(cells, mark):
    """The column's cells joined by newlines, currency signs removed, when every cell is a plain
    number under `mark` ("1,234", "1,234.56", "¥12.50"); else None (read cell by cell)."""
    if cells.empty or cells.dtype != object:
        return None
    try:
        joined = "\n".join(cells.tolist())
    except TypeError:  # XLSX numbers and dates
        return None
    for sign in CURRENCY_SIGNS:
        if sign in joined:
            joined = joined.replace(sign, "")
    if not joined[:1].isascii() or not joined[:1].isdigit() or joined.count("\n") != len(cells) - 1:
        return None
    if _digits_only(joined):
        return joined
    thousands = COMMA if mark == POINT else POINT
    if re.match(r"[0-9]{4,}%s" % re.escape(thousands), joined):  # noqa: UP031 - the first cell's first group
        return None
    charset, starts, *marks = PLAIN_VIOLATIONS[mark]
    if charset.search(joined) or starts.search(joined):
        return None
    if (POINT in joined or COMMA in joined) and any(pattern.search(joined) for pattern in marks):
        return None
    return joined


def _cell_search(pattern, plain):
    """The first cell of `plain` matching a "\n"-led cell pattern (hit.start() is the "\n"
    before the cell, or 0 for the first cell)."""
    return pattern.match("\n" + plain[:CELL_PEEK]) or pattern.search(plain)


def _digits_only(joined):
    """Whole ASCII numbers only, one a line, none empty (the commonest column, told in two C scans)."""
    digits = joined.replace("\n", "")
    return digits.isascii() and digits.isdigit() and "\n\n" not in joined and not joined.endswith("\n")


NOT_TWO_DECIMALS = re.compile(r"\.(?:[0-9](?:\n|$)|[0-9]{3})")


def plain_whole_numbers(joined, mark, scale):
    """Whole numbers of 10**-scale for a `plain_column` text, or None when a value has more
    decimals than the scale holds exactly (then read by `whole_numbers`, half-up)."""
    thousands = COMMA if mark == POINT else POINT
    text = joined.replace(thousands, "") if thousands in joined else joined
    if mark == COMMA:
        text = text.replace(COMMA, POINT)
    count = text.count("\n") + 1
    if re.search(r"[0-9]{16}", text):
        return None  # int64 holds 15 digits (of cents) with room to spare
    if POINT not in text:
        numbers = np.fromstring(text, dtype=np.int64, sep="\n") * 10**scale
    elif scale == 2 and text.count(POINT) == count and not NOT_TWO_DECIMALS.search(text):
        numbers = np.fromstring(text.replace(POINT, ""), dtype=np.int64, sep="\n")  # already cents
    else:
        floats = np.fromstring(text, dtype=np.float64, sep="\n") * 10**scale
        numbers = np.round(floats)
        if not ((np.abs(floats - numbers) < 1e-6) & (np.abs(floats) < 2**52)).all():
            return None
        numbers = numbers.astype(np.int64)
    return numbers if len(numbers) == count else None


LARGEST_WHOLE = 2**62  # beyond this a count or an amount in cents is a mistake, and int64 overflows


def whole_numbers(cells, mark, scale, plain=None):
    """Cells -> exact whole numbers of 10**-scale (scale 2: cents), vectorised in C for the
    common shapes ("1234", "1,234", "12.50"); anything else goes through `parse_numbers`.
    A frame with `number` (int64, 0 where empty or bad), `missing`, `bad` and `unit`.
    `plain`: the column's `plain_column` text when the caller has it already."""
    plain = plain if plain is not None else plain_column(cells, mark)
    numbers = plain_whole_numbers(plain, mark, scale) if plain is not None else None
    if numbers is not None:
        return pd.DataFrame({"number": numbers, "missing": False, "bad": False, "unit": ""}, index=cells.index)
    result = pd.DataFrame({"number": np.zeros(len(cells), dtype="int64"), "missing": False, "bad": False,
                           "unit": ""}, index=cells.index)
    rest = cells
    if not cells.empty and (cells.map(type) == str).all():  # noqa: E721 - element-wise, on a Series
        short = cells.str.len().max() < 16  # int64 holds 15 digits of cents with room to spare
        if short and DIGITS_ONLY.fullmatch("\n".join(cells)):  # the whole column, checked in C
            result["number"] = pd.to_numeric(cells).astype("int64").to_numpy() * 10**scale
            return result
        digits = cells.str.isdigit() & (cells.str.len() < 16)
        result.loc[digits, "number"] = pd.to_numeric(cells[digits]).astype("int64") * 10**scale
        rest = cells[~digits]
        bare = rest.str.replace(CURRENCY, "", regex=True).str.strip()  # "¥3,843.75" is plain too
        plain = bare.str.fullmatch(PLAIN[mark])
        if plain.any():
            thousands = COMMA if mark == POINT else POINT
            texts = bare[plain].str.replace(thousands, "", regex=False)
            if mark == COMMA:
                texts = texts.str.replace(COMMA, POINT, regex=False)
            floats = pd.to_numeric(texts).to_numpy(dtype="float64") * 10**scale
            rounded = np.floor(floats + 0.5)
            exact = (np.abs(floats - np.round(floats)) < 1e-6) & (np.abs(floats) < 2**52)
            exact_index = texts.index[exact]
            result.loc[exact_index, "number"] = rounded[exact].astype("int64")
            rest = rest.drop(exact_index)
    if rest.empty:
        return result
    parsed = parse_numbers(rest, mark)
    values = parsed["value"]
    whole = {value: int(value.scaleb(scale).to_integral_value(rounding=ROUND_HALF_UP))
             for value in values.dropna().unique()}
    too_large = {value for value, number in whole.items() if abs(number) >= LARGEST_WHOLE}
    for value in too_large:
        whole[value] = 0  # refused below as a bad cell, never stored wrapped around
    result.loc[rest.index, "bad"] = parsed["bad"] | values.isin(too_large)
    result.loc[rest.index, "unit"] = parsed["unit"]
    result.loc[rest.index, "missing"] = values.isna() & ~parsed["bad"]
    result.loc[rest.index, "number"] = values.map(whole).fillna(0).astype("int64")
    return result


def parse_number(text, mark=POINT):
    """One cell: Decimal, None for an empty cell, ValueError when it is not a number."""
    row = parse_numbers(pd.Series([text], dtype=object), mark).iloc[0]
    if row["bad"]:
        raise ValueError(text)
    return row["value"]


def _joined(texts):
    """(the text cells, them joined by newlines): a column searched in one C call."""
    try:
        joined = "\n".join(texts)
    except TypeError:  # XLSX numbers and dates among the text
        texts = texts[texts.map(type) == str]  # noqa: E721 - element-wise, on a Series
        joined = "\n".join(texts)
    if joined.count("\n") != max(len(texts) - 1, 0):  # a cell spanning lines
        texts = texts[~texts.str.contains("\n", regex=False)]
        joined = "\n".join(texts)
    return texts, joined


def _plain_decimals(texts, mark):
    """Decimals of distinct plain values ("1,234", "12.50"): one Decimal per distinct text."""
    thousands = COMMA if mark == POINT else POINT
    distinct = {text: Decimal(text.replace(thousands, "").replace(COMMA, POINT)) for text in texts.unique()}
    return texts.map(distinct)


def _clean_one(text):
    text = CURRENCY.sub("", text.strip().replace("，", ","))
    return SPACE_NOT_GROUPING.sub("", GROUP_SPACE.sub(" ", text))


def _cleaned(texts):
    texts = texts.str.strip().str.replace("，", ",", regex=False)
    texts = texts.str.replace(CURRENCY, "", regex=True).str.replace(GROUP_SPACE, " ", regex=True)
    return texts.str.replace(SPACE_NOT_GROUPING, "", regex=True)  # "1 234,56" keeps its space


def _canonical(bodies, mark):
    thousands = COMMA if mark == POINT else POINT
    bodies = bodies.str.replace(thousands, "", regex=False).str.replace(" ", "", regex=False)
    return bodies.str.replace(COMMA, POINT, regex=False) if mark == COMMA else bodies


def _decimal(sign, body, unit):
    number = Decimal(("-" if sign == "-" else "") + (body if not body.startswith(".") else "0" + body))
    return number.scaleb(UNITS[unit]) if unit else number
