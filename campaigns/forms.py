from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Platform, User
from campaigns.models import (
    Campaign,
    CampaignRisk,
    ComplianceTerm,
    EndOfCampaignReview,
    KpiTarget,
    Milestone,
    OwnerRole,
    PlanTemplate,
    Review,
    ReviewStage,
    TeamRole,
)
from campaigns.planning import PLAN_HORIZON_DAYS, plan_date_problem
from campaigns.selectors import plan_templates
from reports.kpis import KPI_CHOICES
from socialcrm import form_fields
from socialcrm.attachments import validate_attachment
from socialcrm.currencies import DEFAULT_CURRENCY, CurrencyField
from socialcrm.visibility import accounts_visible_to
from socialcrm.widgets import FastSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(form_fields.ModelForm):
    """Create or edit a campaign. Advertisers and publishers come from what the user may see;
    only admins choose the project lead and the account manager."""

    platforms = forms.MultipleChoiceField(label=_("Platforms"), choices=Platform.choices,
                                          required=False, widget=forms.CheckboxSelectMultiple)
    currency = CurrencyField(label=_("Currency"), initial=DEFAULT_CURRENCY, widget=FastSelect,
                             help_text=Campaign._meta.get_field("currency").help_text)
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
        if launch and "launch_on" in self.changed_data and (launch - timezone.localdate()).days > PLAN_HORIZON_DAYS:
            self.add_error("launch_on", plan_date_problem(launch))
        return cleaned

    def campaign_fields(self):
        return {name: value for name, value in self.cleaned_data.items()
                if name not in ("publishers", "plan_template")}


class KpiTargetForm(forms.Form):
    kpi = forms.ChoiceField(label=_("KPI"), choices=[("", "—"), *KPI_CHOICES], required=False)
    direction = forms.ChoiceField(label=_("direction"), choices=KpiTarget.Direction.choices,
                                  initial=KpiTarget.Direction.AT_LEAST, required=False)
    target = forms.DecimalField(
        label=_("target"), max_digits=14, decimal_places=4, required=False,
        help_text=_("As the KPI is shown: ROI and rates in % (ROI 150 = +150 %), ROAS as a multiple "
                    "(2.5 = 2.50×), money in the campaign's currency."))
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


def plan_date(value):
    problem = plan_date_problem(value)
    if problem:
        raise forms.ValidationError(problem)


class PlanMoveForm(forms.Form):
    """A new date for the plan; one that asks for work to have started already needs a yes."""

    confirm_late_start = forms.BooleanField(
        label=_("Yes: the plan asks for work that should have started already"), required=False)


class MoveMilestoneForm(PlanMoveForm):
    due_on = form_fields.DateField(label=_("New due date"), widget=DATE_INPUT, validators=[plan_date])
    field_order = ("due_on", "confirm_late_start")


class MoveLaunchForm(PlanMoveForm):
    launch_on = form_fields.DateField(label=_("New launch date"), widget=DATE_INPUT, validators=[plan_date])
    field_order = ("launch_on", "confirm_late_start")


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    blocked_reason = forms.CharField(label=_("Blocked because"), max_length=300, required=False)


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label=_("Reviewer"), max_length=150)
    decision = forms.ChoiceField(label=_("Decision"), choices=Review.Decision.choices,
                                 widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    copy_text = forms.CharField(
        label=_("Copy to check"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Paste the draft's copy: terms the Advertising Law forbids or restricts are flagged."))
    justification = forms.CharField(
        label=_("Justification for approving over flags"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, stage="", **kwargs):
        super().__init__(*args, **kwargs)
        if stage != ReviewStage.COMPLIANCE:
            del self.fields["copy_text"], self.fields["justification"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in Review.SENDS_WORK_BACK and not cleaned.get("comments", "").strip():
            self.add_error("comments", _("Say what has to change, so the work can be redone."))
        return cleaned


class CampaignStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Campaign.Status.choices)



class PlanStepForm(forms.Form):
    """One row of the plan editor."""

    milestone = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(label=_("#"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Step"), max_length=150,
                           widget=forms.TextInput(attrs={"class": "name"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=Milestone.Kind.choices, initial=Milestone.Kind.OTHER)
    review_stage = forms.ChoiceField(label=_("Review stage"), required=False,
                                     choices=[("", _("Not a review")), *ReviewStage.choices])
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    duration_days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=120, initial=1)
    buffer_days = forms.IntegerField(label=_("Buffer"), min_value=0, max_value=60, initial=0)
    after = forms.CharField(label=_("After (step #)"), required=False,
                            widget=forms.TextInput(attrs={"class": "after", "placeholder": "1, 2"}),
                            help_text=_("The numbers of the steps that must be done first, separated by commas."))

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(pk__in=[user.pk for user in owners])

    def clean_after(self):
        return tuple(sorted(set(_step_numbers(self.cleaned_data["after"]))))


class BasePlanFormSet(forms.BaseFormSet):
    def __init__(self, *args, owners=(), **kwargs):
        self.owners = owners
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"owners": self.owners}

    @property
    def empty_form(self):
        return self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"),
                         empty_permitted=True, use_required_attribute=False, owners=self.owners,
                         renderer=self.renderer)


PlanFormSet = formset_factory(PlanStepForm, formset=BasePlanFormSet, extra=2, can_delete=True)


def plan_formset(data=None, *, rows=(), owners=()):
    initial = [{"milestone": row.milestone.pk if row.milestone else None, "number": row.number,
                "name": row.name, "kind": row.kind, "review_stage": row.review_stage,
                "owner": row.owner.pk, "duration_days": row.duration_days,
                "buffer_days": row.buffer_days, "after": ", ".join(str(n) for n in row.after)}
               for row in rows]
    return PlanFormSet(data, initial=initial, prefix="step", owners=owners)


class RiskForm(form_fields.ModelForm):
    class Meta:
        model = CampaignRisk
        fields = ("description", "likelihood", "impact", "owner", "trigger", "contingency")
        widgets = {"contingency": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(pk__in=[user.pk for user in owners])


class EndReviewForm(form_fields.ModelForm):
    class Meta:
        model = EndOfCampaignReview
        fields = ("outcome", "results", "lessons", "repeat")
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("results", "lessons", "repeat")}


class SaveAsTemplateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=150)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_template_%s")  # beside the risk form on the campaign page
        super().__init__(*args, **kwargs)


def _step_numbers(text):
    numbers = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise forms.ValidationError(_("Give step numbers separated by commas, e.g. “1, 3”."))
        numbers.append(int(part))
    return numbers


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=150)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class TemplateStepForm(forms.Form):
    """One step of a plan template."""

    sequence = forms.IntegerField(label=_("#"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Step"), max_length=150, widget=forms.TextInput(attrs={"class": "name"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=Milestone.Kind.choices, initial=Milestone.Kind.OTHER)
    review_stage = forms.ChoiceField(label=_("Review stage"), required=False,
                                     choices=[("", _("Not a review")), *ReviewStage.choices])
    owner_role = forms.ChoiceField(label=_("Owner"), choices=OwnerRole.choices, initial=OwnerRole.PROJECT_LEAD)
    duration_days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=120, initial=1)
    buffer_days = forms.IntegerField(label=_("Buffer"), min_value=0, max_value=60, initial=0)
    after = forms.CharField(
        label=_("After (step #)"), required=False,
        widget=forms.TextInput(attrs={"class": "after", "placeholder": "1, 2"}),
        help_text=_("Empty: after the step before it. 0: starts without waiting for another step."))
    is_key = forms.BooleanField(label=_("Key"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # a row of a table: the column header is the label
            field.widget.attrs.setdefault("aria-label", field.label)

    def clean_after(self):
        text = self.cleaned_data["after"].strip()
        if not text:
            return None
        numbers = _step_numbers(text)
        return sorted({n for n in numbers if n != 0})

    def step(self):
        return {**self.cleaned_data, "review_stage": self.cleaned_data.get("review_stage") or ""}


TemplateStepFormSet = formset_factory(TemplateStepForm, extra=3, can_delete=True)


def template_step_formset(data=None, steps=()):
    initial = [{**step, "after": "" if step["after"] is None else (", ".join(map(str, step["after"])) or "0")}
               for step in steps]
    return TemplateStepFormSet(data, initial=initial, prefix="step")


def template_steps(formset):
    """The kept, filled-in rows of a valid template step formset."""
    return [form.step() for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Colleague"), queryset=User.objects.none(), widget=FastSelect)
    role = forms.ChoiceField(label=_("Role on the team"), choices=TeamRole.choices)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        on_team = campaign.team.filter(removed_at__isnull=True).values("user_id")
        self.fields["user"].queryset = (User.objects.filter(is_active=True).exclude(pk__in=on_team)
                                        .exclude(role=User.Role.PARTNER)
                                        .order_by("first_name", "username"))
        self.fields["user"].label_from_instance = lambda user: f"{user} (@{user.username})"


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Mention a colleague with @ and their user name: they are notified."))
    attachment = forms.FileField(label=_("File"), required=False, validators=[validate_attachment])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("body", "").strip() and not cleaned.get("attachment") and not self.errors:
            raise forms.ValidationError(_("Write a comment or attach a file."))
        return cleaned


class BlockForm(forms.Form):
    blocked_reason = forms.CharField(label=_("Blocked because"), max_length=300,
                                     help_text=_("What the step is waiting for."))


class ComplianceTermForm(form_fields.ModelForm):
    class Meta:
        model = ComplianceTerm
        fields = ("term", "category", "reason_en", "reason_zh", "is_active")
