from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Entry, Policy
from socialcrm import form_fields


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    items = forms.CharField(label=_("Items, one per line"), widget=forms.Textarea(attrs={"rows": 8}),
                            required=False)

    def clean_items(self):
        return [line.strip()[:300] for line in self.cleaned_data["items"].splitlines() if line.strip()]


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)


class EntryForm(form_fields.ModelForm):
    class Meta:
        model = Entry
        fields = ("status", "owner", "evidence_url", "evidence_file", "review_on", "note")
        widgets = {"review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("aria-label", f"{field.label} · {self.instance.item}")
            field.widget.attrs["id"] = f"id_{name}_{self.instance.pk}"


class PolicyForm(form_fields.ModelForm):
    class Meta:
        model = Policy
        fields = ("title", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
