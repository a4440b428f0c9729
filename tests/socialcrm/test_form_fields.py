"""Every form takes its dates and multiple choices from socialcrm/form_fields.py: one rule."""

import importlib
import inspect
from datetime import date, datetime

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from socialcrm import form_fields

PROJECT_APPS = [config for config in apps.get_app_configs()
                if config.path.startswith(str(settings.BASE_DIR)) and ".venv" not in config.path]
BOUNDED = {forms.DateTimeField: form_fields.DateTimeField, forms.DateField: form_fields.DateField,
           forms.ModelMultipleChoiceField: form_fields.ModelMultipleChoiceField}


def _project_forms():
    for config in PROJECT_APPS:
        for module_name in ("forms", "report_forms"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_no_form_uses_an_unbounded_date_or_multiple_choice_field():
    project_forms = list(_project_forms())
    assert len(project_forms) > 20  # the walk found the app's forms
    unbounded = [f"{cls.__module__}.{cls.__name__}.{name}"
                 for cls in project_forms for name, field in cls.base_fields.items()
                 for plain, bounded in BOUNDED.items()
                 if type(field) is plain or (isinstance(field, plain) and not isinstance(field, bounded)
                                             and type(field).__module__.startswith("django."))]
    assert not unbounded


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2101-01-01", "1899-12-31"])
def test_dates_outside_business_use_are_a_form_error(value):
    with pytest.raises(ValidationError, match="between 1900-01-01 and 2100-12-31"):
        form_fields.DateField().clean(value)


def test_dates_inside_are_accepted():
    assert form_fields.DateField().clean("2100-12-31") == date(2100, 12, 31)
    assert form_fields.DateTimeField().clean("1900-01-01T00:00").date() == date(1900, 1, 1)


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59", "0001-01-01T00:00:00"])
def test_date_times_at_the_edge_of_time_are_a_form_error(value):
    with pytest.raises(ValidationError):
        form_fields.DateTimeField().clean(value)


def test_a_query_parameter_that_is_no_usable_time_is_ignored():
    assert form_fields.parse_datetime_param("2026-13-45T99:99") is None
    assert form_fields.parse_datetime_param("0001-01-01") is None
    assert isinstance(form_fields.parse_datetime_param("2026-03-01T10:00:00+08:00"), datetime)
