from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import ReportSchedule
from reports.periods import MONTH, WEEK
from reports.schedules import recipients_for
from socialcrm import form_fields
from socialcrm.visibility import accounts_visible_to


class ReportPeriodForm(forms.Form):
    """Which month or week a report covers; any day inside it will do."""

    period = forms.ChoiceField(label=_("Period"), choices=[(MONTH, _("Month")), (WEEK, _("Week"))],
                               required=False)
    day = form_fields.DateField(label=_("Any day in it"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))


class ScheduleForm(form_fields.ModelForm):
    class Meta:
        model = ReportSchedule
        fields = ["recipient", "kind", "account", "format", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients_for(user)
        self.fields["recipient"].initial = user.pk
        self.fields["account"].queryset = accounts_visible_to(user).active().order_by("side", "name")
        if self.instance.pk:
            # The recipient of a standing schedule never changes: create a new one instead.
            del self.fields["recipient"]
        else:
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        kind, account = data.get("kind"), data.get("account")
        if kind in ReportSchedule.ACCOUNT_KINDS and account is None:
            self.add_error("account", _("Choose the advertiser or publisher to report on."))
        elif kind == ReportSchedule.Kind.EXECUTIVE_MONTHLY:
            data["account"] = None  # the alliance report covers every account
        return data
