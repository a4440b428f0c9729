"""Form fields that refuse input the rest of the app cannot compute with, with a form error.

Dates far outside business use (9999-12-31, 0001-01-01) overflow the date arithmetic behind
plans, periods and deadlines, and ids beyond 64 bits overflow the database driver on SQLite. Every
form takes its date, date-time and multiple-choice fields from here: the non-model forms by
using these classes, the model forms by deriving from `ModelForm`.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
LARGEST_ID = 2**63 - 1  # a signed 64-bit integer: the widest primary key of every database

OUT_OF_RANGE = _("Enter a date between %(earliest)s and %(latest)s.")


def _refuse_outside_supported_range(day):
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(OUT_OF_RANGE, code="date_out_of_range",
                              params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()})


class DateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        if value is not None:
            _refuse_outside_supported_range(value)


class DateTimeField(forms.DateTimeField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError as error:  # the time-zone conversion of a date at the edge of time
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _refuse_outside_supported_range(value.date())


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if _is_integer_beyond_any_id(pk):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


def _is_integer_beyond_any_id(value):
    try:
        return abs(int(str(value).strip())) > LARGEST_ID
    except ValueError:
        return False


def bounded_formfield(db_field, **kwargs):
    """The form field for a model field, with the bounded classes above where they apply."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class _BoundedModelFormMetaclass(forms.models.ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(bounded_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_BoundedModelFormMetaclass):
    """The base of every model form in the app: its date and multiple-choice fields are bounded."""


def parse_datetime_param(value):
    """A date-time query parameter as an aware datetime, or None when it is not a usable one."""
    try:
        return DateTimeField(required=False).clean(value)
    except ValidationError:
        return None
