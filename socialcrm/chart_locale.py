"""What every plotly figure needs to read in the reader's language, beyond the toolbar (which
static/js/plotly-locale-zh-cn.js translates): number separators and date formats.

The date formats are d3 formats kept in the message catalogue, so a language gets its own
("Mar 5, 2026" / "2026年3月5日") without code here knowing any language.
"""

from django.utils.formats import get_format
from django.utils.translation import pgettext


def separators():
    """plotly's `separators`: decimal point then thousands separator, as the locale writes them."""
    return f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"


def day_format():
    return pgettext("d3 date format of a day in charts", "%b %-d, %Y")


def date_axis(**axis):
    """A date x-axis whose hover label names the day in the reader's language."""
    return {"type": "date", "hoverformat": day_format(), **axis}


def localized(layout):
    """A figure layout with the reader's separators."""
    return {**layout, "separators": separators()}
