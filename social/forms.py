from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from feedback.models import Feedback
from social import columns as post_columns
from social.connectors import ADAPTERS
from social.models import Experiment, Post, RightsStatus, SocialPlatform, SocialProfile, Variant
from socialcrm import form_fields
from socialcrm.visibility import posts_visible_to, social_profiles_visible_to


class ProfileForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=SocialPlatform.choices)
    handle = forms.CharField(label=_("Handle"), max_length=120)
    url = forms.URLField(label=_("URL"), required=False)
    competitor_name = forms.CharField(label=_("Competitor (leave empty for the account's own profile)"),
                                      max_length=150, required=False)


class FollowerForm(forms.Form):
    day = form_fields.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    followers = forms.IntegerField(label=_("Followers"), min_value=0, max_value=10**12)


class PostUploadForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Profile"), queryset=SocialProfile.objects.none())
    file = forms.FileField(label=_("Post export (CSV or XLSX)"))

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles


class MappingForm(forms.Form):
    """One select per post field, offering the file's headers."""

    def __init__(self, *args, headers, initial_columns, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((header, header) for header in headers)]
        for name in post_columns.FIELDS:
            self.fields[name] = forms.ChoiceField(label=post_columns.LABELS[name], choices=choices, required=False,
                                                  initial=initial_columns.get(name, ""),
                                                  widget=forms.Select(attrs={"translate": "no"}))  # the file's own headers

    def columns(self):
        return {name: self.cleaned_data.get(name) or "" for name in post_columns.FIELDS}


class InsightFilterForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=[("", _("All platforms")), *SocialPlatform.choices],
                                 required=False)
    profile = forms.ModelChoiceField(label=_("Profile"), queryset=SocialProfile.objects.none(), required=False,
                                     empty_label=_("All profiles"))
    min_posts = forms.IntegerField(label=_("Fewest posts per cell"), min_value=1, max_value=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = social_profiles_visible_to(user).filter(archived_at__isnull=True)


class MentionImportForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.none())
    connector = forms.ChoiceField(label=_("Export format"), required=False,
                                  choices=[("", _("Recognise from the columns")),
                                           *((code, adapter.label) for code, adapter in ADAPTERS.items())])
    file = forms.FileField(label=_("Comment or mention export (CSV or XLSX)"))

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts


class KeywordRuleForm(forms.Form):
    keywords = forms.CharField(label=_("Keywords"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                               help_text=_("One per line or separated by commas."))
    exclusions = forms.CharField(label=_("Exclusions"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                                 required=False, help_text=_("A mention containing any of these is ignored."))


class SentimentForm(forms.Form):
    sentiment = forms.ChoiceField(label=_("Correct sentiment"), choices=Feedback.Sentiment.choices)


class UgcForm(forms.Form):
    is_ugc = forms.BooleanField(label=_("User-generated content"), required=False)
    rights_status = forms.ChoiceField(label=_("Reuse rights"), choices=RightsStatus.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("rights_status") and not data.get("is_ugc"):
            raise forms.ValidationError(_("Only user-generated content has reuse rights to ask for."))
        return data


class ExperimentForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.none())
    name = forms.CharField(label=_("Name"), max_length=150)
    hypothesis = forms.CharField(label=_("Hypothesis"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    metric = forms.ChoiceField(label=_("Metric"), choices=Experiment.Metric.choices)
    min_sample = forms.IntegerField(label=_("Minimum sample per variant"), min_value=1, max_value=10**9,
                                    initial=1000)
    label_a = forms.CharField(label=_("Variant A (control) label"), max_length=60, initial="A")
    creative_a = forms.CharField(label=_("Variant A creative variant label"), max_length=60, required=False)
    posts_a = form_fields.ModelMultipleChoiceField(label=_("Variant A posts"), required=False,
                                                   queryset=Post.objects.none())
    label_b = forms.CharField(label=_("Variant B label"), max_length=60, initial="B")
    creative_b = forms.CharField(label=_("Variant B creative variant label"), max_length=60, required=False)
    posts_b = form_fields.ModelMultipleChoiceField(label=_("Variant B posts"), required=False,
                                                   queryset=Post.objects.none())

    def __init__(self, *args, user, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        posts = posts_visible_to(user).filter(profile__account__in=accounts).select_related("profile").order_by(
            "-published_at")[:500]
        for name in ("posts_a", "posts_b"):
            self.fields[name].queryset = posts_visible_to(user).filter(
                pk__in=[post.pk for post in posts]).select_related("profile")

    def clean(self):
        data = super().clean()
        for side in ("a", "b"):
            if not data.get(f"posts_{side}") and not data.get(f"creative_{side}"):
                self.add_error(f"posts_{side}", _("Choose posts or give a creative variant label."))
        return data

    def variants(self):
        data = self.cleaned_data
        return [(data[f"label_{side}"], list(data.get(f"posts_{side}") or []), data.get(f"creative_{side}") or "")
                for side in ("a", "b")]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        choice for choice in Experiment.Decision.choices if choice[0]])
    winner = forms.ModelChoiceField(label=_("Adopted variant"), queryset=Variant.objects.none(),
                                    required=False)
    note = forms.CharField(label=_("Why"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winner"].queryset = experiment.variants.all()
