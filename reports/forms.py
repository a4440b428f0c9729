from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from reports.dashboard import Filters
from socialcrm import form_fields
from socialcrm.visibility import accounts_visible_to, publishers_visible_to
from socialcrm.widgets import FastSelect

DEFAULT_DAYS = 90
MAX_DAYS = 366 * 5


class DashboardFilterForm(forms.Form):
    start = form_fields.DateField(label=_("From"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    end = form_fields.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    advertiser = forms.ModelChoiceField(queryset=Account.objects.none(), required=False,
                                        label=_("Advertiser"), empty_label=_("All advertisers"),
                                        widget=FastSelect)
    platform = forms.ChoiceField(choices=[("", _("All platforms")), *Platform.choices],
                                 required=False, label=_("Platform"), widget=FastSelect)
    publisher = forms.ModelChoiceField(queryset=Account.objects.none(), required=False,
                                       label=_("Publisher"), empty_label=_("All publishers"),
                                       widget=FastSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advertiser"].queryset = accounts_visible_to(user).advertisers().order_by("name")
        self.fields["publisher"].queryset = publishers_visible_to(user).order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("end", _("Choose a range of at most five years."))
        return data

    def filters(self):
        """The valid filters; an invalid or missing one falls back to its default."""
        data = self.cleaned_data if self.is_bound else {}
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end or (end - start).days > MAX_DAYS:
            start, end = timezone.localdate() - timedelta(days=DEFAULT_DAYS - 1), timezone.localdate()
        advertiser = data.get("advertiser")
        publisher = data.get("publisher")
        return Filters(start=start, end=end, advertiser_id=advertiser.pk if advertiser else None,
                       platform=data.get("platform") or "",
                       publisher_id=publisher.pk if publisher else None)
