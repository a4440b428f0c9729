from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Account, Platform
from campaigns.models import Campaign
from reports.dashboard import Filters
from reports.presets import (
    COMPARISONS,
    CUSTOM,
    DEFAULT_PRESET,
    LAST_YEAR,
    PRESETS,
    PREVIOUS,
    preset_range,
    year_earlier,
)
from socialcrm import form_fields
from socialcrm.visibility import accounts_visible_to, campaigns_visible_to, publishers_visible_to
from socialcrm.widgets import FastSelect

DEFAULT_DAYS = 90
MAX_DAYS = 366 * 5


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=list(PRESETS.items()), required=False,
                               widget=FastSelect)
    start = form_fields.DateField(label=pgettext_lazy("start of a date range", "From"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    end = form_fields.DateField(label=pgettext_lazy("end of a date range", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    compare = forms.ChoiceField(label=_("Compare with"), choices=list(COMPARISONS.items()), required=False,
                                widget=FastSelect)
    compare_start = form_fields.DateField(label=_("Compare from"), required=False,
                                          widget=forms.DateInput(attrs={"type": "date"}))
    compare_end = form_fields.DateField(label=_("Compare to"), required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}))
    advertiser = forms.ModelChoiceField(queryset=Account.objects.none(), required=False,
                                        label=_("Advertiser"), empty_label=_("All advertisers"),
                                        widget=FastSelect)
    platform = forms.ChoiceField(choices=[("", _("All platforms")), *Platform.choices],
                                 required=False, label=_("Platform"), widget=FastSelect)
    publisher = forms.ModelChoiceField(queryset=Account.objects.none(), required=False,
                                       label=_("Publisher"), empty_label=_("All publishers"),
                                       widget=FastSelect)
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), required=False,
                                      label=_("Campaign"), empty_label=_("All campaigns"), widget=FastSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advertiser"].queryset = accounts_visible_to(user).advertisers().order_by("name")
        self.fields["publisher"].queryset = publishers_visible_to(user).order_by("name")
        self.fields["campaign"].queryset = campaigns_visible_to(user).order_by("name")

    def clean(self):
        data = super().clean()
        for first, last in (("start", "end"), ("compare_start", "compare_end")):
            start, end = data.get(first), data.get(last)
            if start and end and start > end:
                self.add_error(last, _("The end date is before the start date."))
            elif start and end and (end - start).days > MAX_DAYS:
                self.add_error(last, _("Choose a range of at most five years."))
        if data.get("compare") == CUSTOM and not (data.get("compare_start") and data.get("compare_end")):
            self.add_error("compare_start", _("Give both dates of the period to compare with."))
        return data

    def filters(self):
        """The valid filters; an invalid or missing one falls back to its default. The form then
        shows the applied period and comparison, whatever was asked."""
        data = self.cleaned_data if self.is_bound else {}
        today = timezone.localdate()
        start, end = self._period(data, today)
        compare = data.get("compare") or PREVIOUS
        compare_start = compare_end = None
        if compare == LAST_YEAR:
            compare_start, compare_end = year_earlier(start), year_earlier(end)
        elif compare == CUSTOM and "compare_start" not in self.errors and "compare_end" not in self.errors:
            compare_start, compare_end = data.get("compare_start"), data.get("compare_end")
        advertiser = data.get("advertiser")
        publisher = data.get("publisher")
        campaign = data.get("campaign")
        filters = Filters(campaign_id=campaign.pk if campaign else None,start=start, end=end, advertiser_id=advertiser.pk if advertiser else None,
                          platform=data.get("platform") or "",
                          publisher_id=publisher.pk if publisher else None,
                          compare_start=compare_start, compare_end=compare_end)
        self._show_applied(filters)
        return filters

    def _period(self, data, today):
        preset = data.get("period") or ("" if data.get("start") or data.get("end") else DEFAULT_PRESET)
        if preset and preset != CUSTOM:
            return preset_range(preset, today)
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if "start" in self.errors or "end" in self.errors or start > end or (end - start).days > MAX_DAYS:
            return preset_range(DEFAULT_PRESET, today)
        return start, end

    def _show_applied(self, filters):
        shown = self.data.copy() if self.is_bound else {}
        previous = filters.previous()
        applied = {"start": filters.start, "end": filters.end, "compare_start": previous.start,
                   "compare_end": previous.end}
        for name, day in applied.items():
            shown[name] = day.isoformat()
        if not self.is_bound or not self.data.get("period"):
            shown["period"] = DEFAULT_PRESET if not self.data.get("start") else CUSTOM
        self.data, self.is_bound = shown, True
