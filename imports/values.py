"""Platform names as exports write them ('抖音', 'Facebook', 'douyin') -> platform codes.

Numbers and dates are read per file by imports.reader (numbers.py, dates.py).
"""

from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Platform

PLATFORM_NAMES = {
    "抖音": "douyin", "微博": "weibo", "微信": "wechat", "小红书": "xiaohongshu", "哔哩哔哩": "bilibili",
    "b站": "bilibili", "facebook": "meta", "google": "google", "twitter": "x", "巨量引擎": "douyin",
    "oceanengine": "douyin", "ocean engine": "douyin", "小红书聚光": "xiaohongshu", "聚光": "xiaohongshu",
    "google ads": "google", "meta ads": "meta", "tiktok ads": "tiktok", "新浪微博": "weibo",
}


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


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
