from django import forms
from django.utils.translation import gettext_lazy as _

from socialcrm import form_fields
from workdays.models import CalendarOverride


class OverrideForm(form_fields.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ("day", "is_working_day", "name")
        widgets = {"day": forms.DateInput(attrs={"type": "date"})}
        labels = {"is_working_day": _("People work that day")}
