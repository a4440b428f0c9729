"""Dates and money in Chinese: ISO in date inputs (the browser accepts nothing else), grouped money."""

from datetime import date, datetime

from django import forms
from django.template import Context, Template
from django.utils import translation


class DatesForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


def test_a_date_input_renders_iso_in_chinese_and_accepts_it_back():
    with translation.override("zh-hans"):
        form = DatesForm(initial={"day": date(2026, 11, 1), "moment": datetime(2026, 11, 1, 9, 30)})
        html = str(form["day"]) + str(form["moment"])
        assert 'value="2026-11-01"' in html and 'value="2026-11-01T09:30"' in html
        bound = DatesForm({"day": "2026-11-01", "moment": "2026-11-01T09:30"})
        assert bound.is_valid(), bound.errors


def test_money_keeps_its_thousands_separators_in_chinese():
    template = Template('{{ amount|floatformat:"2g" }}')
    with translation.override("zh-hans"):
        assert template.render(Context({"amount": 1121760.17})) == "1,121,760.17"
