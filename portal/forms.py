from datetime import timedelta

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.models import Review
from socialcrm import form_fields
from socialcrm.attachments import validate_attachment

PERIOD_DAYS_MAX = 3 * 366


class SetPasswordForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               strip=False)
    password_again = forms.CharField(label=_("The same password again"), strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise ValidationError(_("The two passwords differ."))
        if data.get("password"):
            validate_password(data["password"], self.user)
        return data


class SignInLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)


class PeriodForm(forms.Form):
    start = form_fields.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = form_fields.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def period(self, campaign):
        """(start, end): the chosen period, or the campaign's run."""
        start, end = campaign.start_on, campaign.end_on
        if self.is_valid():
            start = self.cleaned_data.get("start") or start
            end = self.cleaned_data.get("end") or end
        if end < start or (end - start) > timedelta(days=PERIOD_DAYS_MAX):
            return campaign.start_on, campaign.end_on
        return start, end


class ClientDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your decision"), widget=forms.RadioSelect, choices=[
        (Review.Decision.APPROVED, _("Approve")),
        (Review.Decision.CHANGES_REQUESTED, _("Request changes")),
    ])
    comments = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Attach a file (optional)"), required=False,
                                 validators=[validate_attachment])

    def clean(self):
        data = super().clean()
        if data.get("decision") == Review.Decision.CHANGES_REQUESTED and not (data.get("comments") or "").strip():
            self.add_error("comments", _("Say which changes you need."))
        return data
