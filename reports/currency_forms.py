from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports.currencies import MAX_RANGE_DAYS
from socialcrm.currencies import CurrencyField
from socialcrm.widgets import FastSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ReportingCurrencyForm(forms.Form):
    currency = CurrencyField(label=_("Reporting currency"), widget=FastSelect,
                             help_text=_("Every alliance-wide total is converted into this currency. "
                                         "Changing it recomputes all rollups and needs rates into it."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_reporting_%s")  # the rate form on the same page has a currency
        super().__init__(*args, **kwargs)


class RateForm(forms.Form):
    currency = CurrencyField(label=_("Currency"), widget=FastSelect)
    first = forms.DateField(label=pgettext_lazy("start of a date range", "From"), widget=DATE_INPUT)
    last = forms.DateField(label=pgettext_lazy("end of a date range", "To"), widget=DATE_INPUT, required=False,
                           help_text=_("Empty: the first day only."))
    rate = forms.DecimalField(label=_("Rate"), max_digits=18, decimal_places=8, min_value=0,
                              help_text=_("What one unit of the currency was worth in the reporting currency."))

    def __init__(self, *args, reporting_currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_currency = reporting_currency

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        if currency == self.reporting_currency:
            raise forms.ValidationError(_("This is the reporting currency itself: it needs no rate."))
        return currency

    def clean_rate(self):
        rate = self.cleaned_data["rate"]
        if rate is not None and rate <= 0:
            raise forms.ValidationError(_("The rate must be more than zero."))
        return rate

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last") or data.get("first")
        if first and last and last < first:
            self.add_error("last", _("The end date is before the start date."))
        elif first and last and (last - first).days >= MAX_RANGE_DAYS:
            self.add_error("last", _("Enter at most a year of days at once."))
        data["last"] = last
        return data


class RateUploadForm(forms.Form):
    # The columns are explained in reports/exchange_rates.html, where their names can be <code>.
    file = forms.FileField(label=_("CSV file"))
