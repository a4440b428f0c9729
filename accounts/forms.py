"""Input validation for people. Every form lists its fields: nobody sets what their role may not."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.meetings import campaigns_of
from accounts.models import Account, ActionItem, Cadence, Charter, Contact, Meeting, Platform, User
from socialcrm import form_fields
from socialcrm.visibility import campaigns_visible_to


class AccountForm(form_fields.ModelForm):
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"), choices=Platform.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Account
        fields = ("name", "kind", "industry", "platforms", "tier", "status", "is_confidential",
                  "website", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, side, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.fields["kind"].choices = [
            (kind.value, kind.label) for kind in Account.KINDS_BY_SIDE[Account.Side(side)]
        ]
        if user.is_admin:
            self.fields["account_manager"] = forms.ModelChoiceField(
                label=_("Account manager"),
                queryset=User.objects.filter(role=User.Role.ACCOUNT_MANAGER, is_active=True),
                initial=self.instance.account_manager_id if self.instance.pk else None,
                required=not self.instance.pk,
            )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Account.objects.filter(side=self.side, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("An account with this name already exists."))
        return name


class ShareForm(forms.Form):
    colleague = forms.ModelChoiceField(label=_("Colleague"), queryset=User.objects.none(),
                                       empty_label=_("Choose a colleague"))

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = (
            User.objects.filter(role=User.Role.ACCOUNT_MANAGER, is_active=True)
            .exclude(pk=account.account_manager_id)
            .exclude(shared_accounts=account)
            .order_by("first_name", "username")
        )


class ContactForm(form_fields.ModelForm):
    class Meta:
        model = Contact
        fields = ("name", "title", "email", "phone", "wechat", "preferred_channel", "language", "is_primary")


class PartnershipForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Account.objects.none())
    started_on = form_fields.DateField(label=_("Since"), initial=timezone.localdate,
                                       widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, account, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].label = _("Advertiser") if not account.is_advertiser else _("Publisher")
        self.fields["partner"].queryset = partners


class MeetingForm(form_fields.ModelForm):
    """The compact form: kind and time preset, notes in three boxes, attendees as checkboxes."""

    held_at = form_fields.DateTimeField(
        label=_("Date and time"), initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Meeting
        fields = ("kind", "status", "held_at", "campaign", "staff_attendees", "contact_attendees",
                  "agenda", "minutes", "decisions", "next_meeting_on")
        widgets = {
            "status": forms.RadioSelect,
            "staff_attendees": forms.CheckboxSelectMultiple,
            "contact_attendees": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 2}),
            "next_meeting_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, account, staff, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].required = False  # a form posted without it logs a held meeting
        self.fields["campaign"].queryset = campaigns_of(account).filter(
            pk__in=campaigns_visible_to(user).values("pk"))
        self.fields["staff_attendees"].queryset = staff
        self.fields["contact_attendees"].queryset = account.contacts.filter(archived_at__isnull=True)


    def clean_status(self):
        return self.cleaned_data.get("status") or Meeting.Status.HELD


class ActionItemFields(forms.Form):
    """What an action item needs: title, staff owner, optional partner owner, due date, repeat."""

    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    owner_contact = forms.ModelChoiceField(
        label=_("Partner owner"), queryset=Contact.objects.none(), required=False,
        empty_label=_("— (staff owner does it)"),
    )
    due_on = form_fields.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=ActionItem.Recurrence.choices,
                                   required=False)

    def __init__(self, *args, owners, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner_contact"].queryset = contacts


class ActionItemForm(ActionItemFields):
    pass


class ActionItemRowForm(ActionItemFields):
    """One inline row of a meeting's action items; a row left blank is ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "owner", "due_on"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if not data.get("title"):
            return data
        if not data.get("owner"):
            self.add_error("owner", _("Who will do it?"))
        if not data.get("due_on"):
            self.add_error("due_on", _("By when?"))
        return data

    @property
    def item(self):
        """The fields of add_action_item, or None for a blank row."""
        data = getattr(self, "cleaned_data", {})
        if not data.get("title"):
            return None
        return {name: data.get(name) for name in ("title", "owner", "owner_contact", "due_on")} | {
            "recurrence": data.get("recurrence") or ""}


class BaseActionItemRows(forms.BaseFormSet):
    def items(self):
        return [form.item for form in self.forms if form.item]


MAX_ITEM_ROWS = 50


def action_item_rows(data=None, *, owners, contacts, default_owner=None, rows=3):
    """`rows` blank action-item rows (owner preset to `default_owner`) for the meeting form."""
    initial = [{"owner": default_owner}] * rows if default_owner else None
    formset = forms.formset_factory(ActionItemRowForm, formset=BaseActionItemRows,
                                    extra=0 if initial else rows, max_num=MAX_ITEM_ROWS,
                                    validate_max=True)
    return formset(data, prefix="items", form_kwargs={"owners": owners, "contacts": contacts},
                   initial=initial)


class ReassignActionItemsForm(forms.Form):
    """Hand one person's open action items to a colleague, e.g. when they leave."""

    from_user = forms.ModelChoiceField(label=pgettext_lazy("the person handing work over", "From"), queryset=User.objects.none())
    to_user = forms.ModelChoiceField(label=pgettext_lazy("the person taking work over", "To"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_open_items = User.objects.filter(
            action_items__done_at__isnull=True, action_items__archived_at__isnull=True).distinct()
        self.fields["from_user"].queryset = with_open_items.order_by("first_name", "username")
        self.fields["to_user"].queryset = User.objects.filter(is_active=True).exclude(
            role__in=(User.Role.ANALYST, User.Role.EXECUTIVE, User.Role.PARTNER)).order_by("first_name", "username")

    def clean(self):
        data = super().clean()
        if data.get("from_user") and data.get("from_user") == data.get("to_user"):
            raise forms.ValidationError(_("Choose someone else to take the action items over."))
        return data


class CharterForm(form_fields.ModelForm):
    channels = forms.MultipleChoiceField(label=_("Channels"), choices=Charter.Channel.choices,
                                         required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Charter
        fields = ("principles", "response_hours", "meeting_interval", "channels", "confidentiality",
                  "escalation_staff", "escalation_contact", "agreed_on")
        widgets = {
            "principles": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 2}),
            "agreed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, account, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["escalation_staff"].queryset = staff
        self.fields["escalation_contact"].queryset = account.contacts.filter(archived_at__isnull=True)
        self.fields["response_hours"].validators.append(MaxValueValidator(24 * 30))


class CadenceForm(form_fields.ModelForm):
    class Meta:
        model = Cadence
        fields = ("meeting_kind", "interval", "next_due_on")
        widgets = {"next_due_on": forms.DateInput(attrs={"type": "date"})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
