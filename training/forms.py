from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Contact, User
from socialcrm import form_fields
from training.models import Material, Session


class SessionForm(form_fields.ModelForm):
    staff = form_fields.ModelMultipleChoiceField(label=_("Staff attendees"), queryset=User.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Session
        fields = ("topic", "held_on", "trainer", "account", "description", "passing_score")
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, staff, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = staff
        self.fields["staff"].queryset = staff
        self.fields["account"].queryset = accounts


class AttendeesForm(forms.Form):
    staff = form_fields.ModelMultipleChoiceField(label=_("Staff"), queryset=User.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    contacts = form_fields.ModelMultipleChoiceField(label=_("Partner contacts"), queryset=Contact.objects.none(),
                                                    required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, staff, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["contacts"].queryset = contacts


class ResultForm(forms.Form):
    completed = forms.BooleanField(label=_("Completed"), required=False)
    score = forms.IntegerField(label=_("Score"), min_value=0, max_value=100, required=False)


class MaterialForm(form_fields.ModelForm):
    class Meta:
        model = Material
        fields = ("title", "file")
