"""Input forms of the crisis pages. Each lists its fields explicitly; choices are limited to what
the user may see and whom the incident may be assigned to."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from crisis.models import (
    Incident,
    IncidentAction,
    PostMortem,
    PreventiveAction,
    Responsibility,
    Statement,
)
from socialcrm import form_fields
from socialcrm.visibility import (
    RUNS_INCIDENTS,
    accounts_visible_to,
    campaigns_visible_to,
    staff_who_see_all,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IncidentForm(form_fields.ModelForm):
    class Meta:
        model = Incident
        fields = ["title", "incident_type", "severity", "scope", "owner", "accounts", "campaigns",
                  "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = accounts_visible_to(user).active().order_by("side", "name")
        self.fields["campaigns"].queryset = (campaigns_visible_to(user).filter(archived_at__isnull=True)
                                             .order_by("name"))
        self.fields["owner"].queryset = User.objects.filter(is_active=True, role__in=RUNS_INCIDENTS)


class IncidentEditForm(form_fields.ModelForm):
    class Meta:
        model = Incident
        fields = ["title", "severity", "scope", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = assignable(self.instance)


def assignable(incident, *, runners_only=True):
    return staff_who_see_all(list(incident.accounts.values_list("pk", flat=True)), runners_only=runners_only)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"), choices=Incident.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ActionForm(form_fields.ModelForm):
    class Meta:
        model = IncidentAction
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = assignable(incident)


class ResponsibilityForm(form_fields.ModelForm):
    class Meta:
        model = Responsibility
        fields = ["person", "role", "note"]

    def __init__(self, *args, incident, **kwargs):
        kwargs.setdefault("auto_id", "id_responsibility_%s")  # the incident page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = assignable(incident, runners_only=False)


class StatementForm(form_fields.ModelForm):
    class Meta:
        model = Statement
        fields = ["audience", "account", "channel", "sent_at", "body"]
        widgets = {"sent_at": DATETIME, "body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, incident, **kwargs):
        kwargs.setdefault("auto_id", "id_statement_%s")  # the incident page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = incident.accounts.all()
        self.fields["sent_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class PostMortemForm(form_fields.ModelForm):
    class Meta:
        model = PostMortem
        fields = ["what_happened", "root_cause", "what_we_changed"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class PreventiveActionForm(form_fields.ModelForm):
    class Meta:
        model = PreventiveAction
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, incident, **kwargs):
        kwargs.setdefault("auto_id", "id_preventive_%s")  # the incident page holds several forms
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = assignable(incident)
