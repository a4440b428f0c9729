from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from feedback.models import Feedback, Reply
from feedback.services import LINK_DAYS_DEFAULT, LINK_DAYS_MAX, REDACTABLE_FIELDS
from socialcrm import form_fields
from socialcrm.visibility import accounts_visible_to, campaigns_visible_to

PARTNER_TEXT_MAX = 4000
STAFF_TEXT_MAX = 10000
RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]
NPS_CHOICES = [(value, str(value)) for value in range(0, 11)]


def _blank(choices, label="—"):
    return [("", label), *choices]


class ScoresMixin:
    """Rating 1-5 and NPS 0-10 are both optional, but a partner must give at least one of them."""

    require_a_score = False

    def clean(self):
        data = super().clean()
        has_score = data.get("rating") is not None or data.get("nps") is not None
        if self.require_a_score and not has_score:
            raise forms.ValidationError(_("Give a rating or a recommendation score."))
        if not has_score and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Give a rating, a score or a comment."))
        return data


class PartnerFeedbackForm(ScoresMixin, forms.Form):
    require_a_score = True

    rating = forms.TypedChoiceField(label=_("How would you rate working with us? (1 = poor, 5 = excellent)"),
                                    choices=RATING_CHOICES, coerce=int, empty_value=None,
                                    required=False, widget=forms.RadioSelect)
    nps = forms.TypedChoiceField(label=_("How likely are you to recommend us? (0-10)"),
                                 choices=_blank(NPS_CHOICES), coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(label=_("What is it about?"), choices=Feedback.Kind.choices,
                             initial=Feedback.Kind.COOPERATION)
    text = forms.CharField(label=_("Your comments"), required=False, max_length=PARTNER_TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 6}))
    author_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=150)
    author_contact = forms.CharField(label=_("Email or phone, if you want an answer (optional)"),
                                     required=False, max_length=200)
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class FeedbackForm(ScoresMixin, forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=Feedback.Source.choices)
    account = forms.ModelChoiceField(label=_("Account"), queryset=None, required=False)
    channel = forms.CharField(label=_("Channel"), max_length=50, required=False,
                              help_text=_("Where public feedback came from, e.g. Weibo comments."))
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Feedback.Kind.choices)
    rating = forms.TypedChoiceField(label=_("Rating (1-5)"), choices=_blank(RATING_CHOICES), coerce=int,
                                    empty_value=None, required=False)
    nps = forms.TypedChoiceField(label=_("NPS score (0-10)"), choices=_blank(NPS_CHOICES), coerce=int,
                                 empty_value=None, required=False)
    text = forms.CharField(label=_("Text"), required=False, max_length=STAFF_TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}))
    priority = forms.ChoiceField(label=_("Priority"), required=False,
                                 choices=_blank(Feedback.Priority.choices, _("Suggest from the feedback")))
    sentiment = forms.ChoiceField(label=_("Sentiment"), required=False,
                                  choices=_blank(Feedback.Sentiment.choices, _("Classify automatically")))
    received_at = form_fields.DateTimeField(label=_("Received"), initial=timezone.now,
                                            widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                 format="%Y-%m-%dT%H:%M"))
    author_name = forms.CharField(label=_("Name of the person"), max_length=150, required=False)
    author_contact = forms.CharField(label=_("Their email or phone"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts_visible_to(user).active()
        self.fields["campaign"].queryset = campaigns_visible_to(user).select_related("advertiser")

    def clean(self):
        data = super().clean()
        source, account = data.get("source"), data.get("account")
        if source in (Feedback.Source.ADVERTISER, Feedback.Source.PUBLISHER):
            if account is None:
                self.add_error("account", _("Partner feedback needs the account it came from."))
            elif account.side != source:
                self.add_error("account", _("This account is not an %(side)s.") % {"side": source})
        if source == Feedback.Source.PUBLIC and not (account or data.get("channel")):
            self.add_error("channel", _("Say where public feedback came from."))
        if data.get("received_at") and data["received_at"] > timezone.now():
            self.add_error("received_at", _("Feedback cannot arrive in the future."))
        return data


class TriageForm(forms.Form):
    """Initial values come from the feedback; the service receives only these fields."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Feedback.Kind.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Feedback.Priority.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None, required=False)
    channel = forms.CharField(label=_("Channel"), max_length=50, required=False)

    def __init__(self, *args, user, feedback, **kwargs):
        initial = {"kind": feedback.kind, "priority": feedback.priority, "owner": feedback.owner_id,
                   "campaign": feedback.campaign_id, "channel": feedback.channel}
        kwargs.setdefault("auto_id", "id_triage_%s")  # the reply form on the same page has a kind too
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, role__in=(User.Role.ADMIN, User.Role.ACCOUNT_MANAGER, User.Role.PROJECT_LEAD),
        ).order_by("first_name", "username")
        self.fields["campaign"].queryset = campaigns_visible_to(user)


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Reply.Kind.choices, initial=Reply.Kind.INTERNAL_NOTE,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("Message"), max_length=STAFF_TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Feedback.Status.choices)
    resolution = forms.CharField(label=_("Resolution (required to resolve)"), required=False,
                                 max_length=STAFF_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class SentimentForm(forms.Form):
    sentiment = forms.ChoiceField(label=_("Sentiment"), required=False,
                                  choices=_blank(Feedback.Sentiment.choices, _("Automatic")))


class RedactionForm(forms.Form):
    fields = forms.MultipleChoiceField(
        label=_("Replace"), widget=forms.CheckboxSelectMultiple,
        choices=[(name, capfirst(Feedback._meta.get_field(name).verbose_name)) for name in REDACTABLE_FIELDS],
    )
    reason = forms.CharField(label=_("Reason (kept on record)"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class LinkForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign (optional)"), queryset=None, required=False)
    purpose = forms.CharField(label=_("Occasion"), max_length=200, required=False,
                              help_text=_("e.g. After the quarterly review"))
    valid_days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=LINK_DAYS_MAX,
                                    initial=LINK_DAYS_DEFAULT)

    def __init__(self, *args, user, account, **kwargs):
        super().__init__(*args, **kwargs)
        involved = campaigns_visible_to(user).filter(advertiser=account) | \
            campaigns_visible_to(user).filter(publishers=account)
        self.fields["campaign"].queryset = involved.distinct().order_by("-launch_on")


class InboxFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Open")), ("all", _("All")), *Feedback.Status.choices]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=_blank(Feedback.Priority.choices, _("Any priority")), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(Feedback.Kind.choices, _("Any kind")), required=False)
    sentiment = forms.ChoiceField(label=_("Sentiment"), choices=_blank(Feedback.Sentiment.choices, _("Any sentiment")), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=_blank(Feedback.Source.choices, _("Any source")), required=False)
    account = forms.ModelChoiceField(label=_("Account"), queryset=None, required=False, empty_label=_("Any account"))
    mine = forms.BooleanField(label=_("Mine only"), required=False)
    breached = forms.BooleanField(label=_("Breached only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts_visible_to(user).active().order_by("name")

    def filters(self):
        return self.cleaned_data if self.is_valid() else {}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
