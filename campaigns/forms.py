from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from accounts.models import Platform, User
from campaigns.models import Campaign, KpiTarget, Milestone, PlanTemplate, Review
from campaigns.selectors import plan_templates
from reports.kpis import KPI_CHOICES
from socialcrm import form_fields
from socialcrm.visibility import accounts_visible_to

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(form_fields.ModelForm):
    """Create or edit a campaign. Advertisers and publishers come from what the user may see;
    only admins choose the project lead and the account manager."""

    platforms = forms.MultipleChoiceField(label=_("Platforms"), choices=Platform.choices,
                                          required=False, widget=forms.CheckboxSelectMultiple)
    plan_template = forms.ModelChoiceField(
        label=_("Plan template"), queryset=PlanTemplate.objects.none(), required=False,
        empty_label=_("No plan yet"),
        help_text=_("Milestones are scheduled backwards from the launch date."),
    )

    class Meta:
        model = Campaign
        fields = ("name", "advertiser", "publishers", "platforms", "objective", "goals", "budget",
                  "currency", "start_on", "launch_on", "end_on", "project_lead", "account_manager")
        widgets = {"start_on": DATE_INPUT, "launch_on": DATE_INPUT, "end_on": DATE_INPUT,
                   "publishers": forms.CheckboxSelectMultiple, "goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = accounts_visible_to(user).active()
        self.fields["advertiser"].queryset = visible.advertisers().order_by("name")
        self.fields["publishers"].queryset = visible.publishers().order_by("name")
        self.fields["publishers"].required = False
        if user.is_admin:
            self.fields["project_lead"].queryset = User.objects.filter(
                role=User.Role.PROJECT_LEAD, is_active=True)
            self.fields["account_manager"].queryset = User.objects.filter(
                role=User.Role.ACCOUNT_MANAGER, is_active=True)
            self.fields["account_manager"].required = False
            self.fields["account_manager"].help_text = _("Empty: the advertiser's account manager.")
        else:
            del self.fields["project_lead"], self.fields["account_manager"]
        if self.instance.pk:
            del self.fields["plan_template"]
            if self.instance.milestones.exists():
                self.fields["launch_on"].disabled = True
                self.fields["launch_on"].help_text = _("The campaign has a plan: move the launch from the plan.")
        else:
            self.fields["plan_template"].queryset = plan_templates()
            self.fields["plan_template"].initial = plan_templates().filter(is_default=True).first()

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code such as CNY or USD."))
        return currency

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        return budget

    def clean(self):
        cleaned = super().clean()
        start, launch, end = (cleaned.get(name) for name in ("start_on", "launch_on", "end_on"))
        if start and launch and start > launch:
            self.add_error("start_on", _("The campaign starts before (or on) its launch."))
        if launch and end and end < launch:
            self.add_error("end_on", _("The campaign ends after its launch."))
        return cleaned

    def campaign_fields(self):
        return {name: value for name, value in self.cleaned_data.items()
                if name not in ("publishers", "plan_template")}


class KpiTargetForm(forms.Form):
    kpi = forms.ChoiceField(label=_("KPI"), choices=[("", "—"), *KPI_CHOICES], required=False)
    direction = forms.ChoiceField(label=_("direction"), choices=KpiTarget.Direction.choices,
                                  initial=KpiTarget.Direction.AT_LEAST, required=False)
    target = forms.DecimalField(label=_("target"), max_digits=14, decimal_places=4, required=False)
    at_risk_threshold = forms.DecimalField(label=_("at-risk threshold"), max_digits=14,
                                           decimal_places=4, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kpi"):
            return {}
        cleaned["direction"] = cleaned.get("direction") or KpiTarget.Direction.AT_LEAST
        target, threshold = cleaned.get("target"), cleaned.get("at_risk_threshold")
        if target is None:
            self.add_error("target", _("Give the target value."))
        if threshold is None:
            self.add_error("at_risk_threshold", _("Give the level at which the KPI is at risk."))
        if target is None or threshold is None:
            return cleaned
        if cleaned["direction"] == KpiTarget.Direction.AT_LEAST and threshold > target:
            self.add_error("at_risk_threshold", _("For an “at least” target the at-risk level is at or below the target."))
        if cleaned["direction"] == KpiTarget.Direction.AT_MOST and threshold < target:
            self.add_error("at_risk_threshold", _("For an “at most” target the at-risk level is at or above the target."))
        return cleaned


class BaseKpiTargetFormSet(forms.BaseFormSet):
    def clean(self):
        kpis = [form.cleaned_data.get("kpi") for form in self.forms if form.cleaned_data]
        kpis = [kpi for kpi in kpis if kpi]
        if len(kpis) != len(set(kpis)):
            raise forms.ValidationError(_("Each KPI can have one target."))

    def targets(self):
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("kpi")]



def kpi_formset(data=None, campaign=None, blank_rows=3):
    initial = [
        {name: getattr(target, name) for name in ("kpi", "direction", "target", "at_risk_threshold")}
        for target in (campaign.kpi_targets.all() if campaign else ())
    ]
    formset_class = formset_factory(KpiTargetForm, formset=BaseKpiTargetFormSet, extra=blank_rows,
                                    max_num=len(KPI_CHOICES))
    return formset_class(data=data, initial=initial, prefix="kpi")


class GeneratePlanForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Plan template"), queryset=PlanTemplate.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = plan_templates()
        self.fields["template"].initial = plan_templates().filter(is_default=True).first()


class MoveMilestoneForm(forms.Form):
    due_on = form_fields.DateField(label=_("New due date"), widget=DATE_INPUT)


class MoveLaunchForm(forms.Form):
    launch_on = form_fields.DateField(label=_("New launch date"), widget=DATE_INPUT)


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label=_("Reviewer"), max_length=150)
    decision = forms.ChoiceField(label=_("Decision"), choices=Review.Decision.choices,
                                 widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in Review.SENDS_WORK_BACK and not cleaned.get("comments", "").strip():
            self.add_error("comments", _("Say what has to change, so the work can be redone."))
        return cleaned


class CampaignStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Campaign.Status.choices)

