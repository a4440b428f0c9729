"""Cell values as platforms write them: '1,234', '¥3,843.75', '2.30%', '-', 'October 1, 2026'."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Platform

NONE_MARKERS = {"", "-", "--", "—", "–", "n/a", "na", "null", "none", "nan", "无"}
CURRENCY = re.compile(r"(?i)[¥￥$€£元]|\b(?:cny|rmb|usd|eur|gbp)\b")
SEPARATORS = re.compile(r"[,\s\u00a0'，_]")
DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%B %d, %Y", "%b %d, %Y",
    "%d %B %Y", "%d %b %Y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
)
CENT = Decimal("0.01")
MAX_COUNT = 10**15
MAX_MONEY = Decimal("999999999999.99")
PLATFORM_NAMES = {
    "抖音": "douyin", "微博": "weibo", "微信": "wechat", "小红书": "xiaohongshu", "哔哩哔哩": "bilibili",
    "b站": "bilibili", "facebook": "meta", "google": "google", "twitter": "x", "巨量引擎": "douyin",
    "oceanengine": "douyin",
}


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


def is_none(value):
    return value is None or (isinstance(value, str) and value.strip().lower() in NONE_MARKERS)


def parse_number(value):
    """Decimal from a cell; None for an empty / '-' cell. Percentages are refused (rates are derived)."""
    if is_none(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("'%(value)s' is not a number.") % {"value": value})
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = SEPARATORS.sub("", CURRENCY.sub("", str(value)))
    if text.endswith("%"):
        raise CellError(_("'%(value)s' is a percentage; this column needs an amount.") % {"value": value})
    negative = text.startswith("(") and text.endswith(")")
    try:
        number = Decimal(text.strip("()"))
    except InvalidOperation:
        raise CellError(_("'%(value)s' is not a number.") % {"value": _clip(value)}) from None
    if not number.is_finite():
        raise CellError(_("'%(value)s' is not a number.") % {"value": _clip(value)})
    return -number if negative else number


def parse_count(value):
    """A whole, non-negative count. Fractional counts (e.g. attributed conversions) are rounded."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 16:
        return int(value)  # the common case, without the general parser
    number = parse_number(value)
    if number is None:
        return 0
    if number < 0:
        raise CellError(_("%(value)s is negative.") % {"value": _clip(value)})
    if number > MAX_COUNT:
        raise CellError(_("%(value)s is too large.") % {"value": _clip(value)})
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_money(value):
    number = parse_number(value)
    if number is None:
        return Decimal("0.00")
    if number < 0:
        raise CellError(_("%(value)s is negative.") % {"value": _clip(value)})
    if number > MAX_MONEY:
        raise CellError(_("%(value)s is too large.") % {"value": _clip(value)})
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_day(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_none(value):
        raise CellError(_("The date is missing."))
    return _parse_day_text(re.sub(r"\s+", " ", str(value).strip()))


@lru_cache(maxsize=4096)
def _parse_day_text(text):
    """Cached: a file repeats the same few dates on thousands of lines."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("'%(value)s' is not a date we can read (e.g. 2026-10-01, 2026/10/01, "
                      "October 1, 2026).") % {"value": _clip(text)})


def parse_platform(value):
    text = str(value or "").strip().lower()
    if not text:
        raise CellError(_("The platform is missing."))
    code = _platform_lookup().get(text)
    if not code:
        raise CellError(_("'%(value)s' is not a platform we know.") % {"value": _clip(value)})
    return code


@lru_cache(maxsize=1)
def _platform_lookup():
    """Codes, labels in every UI language and common other names -> platform code."""
    lookup = {code: code for code in Platform.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lookup.update({str(label).lower(): code for code, label in Platform.choices})
    lookup.update(PLATFORM_NAMES)
    return lookup


def _clip(value, length=60):
    text = str(value)
    return text if len(text) <= length else text[:length] + "…"
