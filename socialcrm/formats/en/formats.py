"""English formats: ISO first for the same reason as in Chinese (date inputs accept only ISO)."""

from django.conf.locale.en.formats import *  # noqa: F403
from django.conf.locale.en.formats import DATE_INPUT_FORMATS as _DATES
from django.conf.locale.en.formats import DATETIME_INPUT_FORMATS as _DATETIMES

DATE_INPUT_FORMATS = ["%Y-%m-%d", *(fmt for fmt in _DATES if fmt != "%Y-%m-%d")]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", *_DATETIMES]
