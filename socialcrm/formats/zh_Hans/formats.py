"""Simplified Chinese formats, with two corrections to Django's defaults.

- Input formats start with ISO (2026-11-01): Django renders a date field's value with the first
  input format, and a browser's `<input type=date>` accepts only ISO, so "2026/11/01" made every
  date field blank in Chinese and submitted empty dates.
- Money is grouped by thousands with commas (1,121,760.17), as Chinese business reports write
  it; Django's zh_Hans has no separator at all. The 万/亿 short form for headlines is separate.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403
from django.conf.locale.zh_Hans.formats import DATE_INPUT_FORMATS as _DATES
from django.conf.locale.zh_Hans.formats import DATETIME_INPUT_FORMATS as _DATETIMES

ISO_DATE, ISO_DATETIME_LOCAL = "%Y-%m-%d", "%Y-%m-%dT%H:%M"
DATE_INPUT_FORMATS = [ISO_DATE, *(fmt for fmt in _DATES if fmt != ISO_DATE)]
DATETIME_INPUT_FORMATS = [ISO_DATETIME_LOCAL, "%Y-%m-%d %H:%M", *(
    fmt for fmt in _DATETIMES if fmt != "%Y-%m-%d %H:%M")]
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
