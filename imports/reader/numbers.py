"""Numbers as platforms write them, read exactly (Decimal), with the decimal mark decided per file.

"3.500,64", "12,50", "1 234,56" (decimal comma) and "1,234.56", "12.50" (decimal point) are read
the way the file writes them: the mark comes from the values that can only be read one way
("12,50", "1,234,567", "1.234,56"). A file that shows both is refused, and one that shows
neither but has values like "1.234" asks the user. Units: 万, 亿, %, K, M and currency signs.
"""

import re
from decimal import Decimal

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
EITHER_WAY = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


class Evidence:
    """What the values seen so far say about the file's decimal mark (one example of each)."""

    def __init__(self):
        self.examples = {}  # POINT / COMMA / "either" -> (value, line)

    def add(self, texts, lines):
        """`texts`: a Series of cells (index aligned with `lines`)."""
        texts = texts[texts.map(lambda value: isinstance(value, str))]
        if texts.empty:
            return
        bodies = _cleaned(texts).str.extract(SHAPE)["body"].dropna()
        for key, pattern in (*ONLY_READ_AS.items(), ("either", EITHER_WAY)):
            if key in self.examples:
                continue
            hits = bodies[bodies.str.fullmatch(pattern)]
            if not hits.empty:
                index = hits.index[0]
                self.examples[key] = (texts[index], lines[index])

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


def parse_number(text, mark=POINT):
    """One cell: Decimal, None for an empty cell, ValueError when it is not a number."""
    row = parse_numbers(pd.Series([text], dtype=object), mark).iloc[0]
    if row["bad"]:
        raise ValueError(text)
    return row["value"]


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
