from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from imports.columns import FIELDS, LABELS
from imports.mapping import CAMPAIGN, KINDS, PUBLISHER, choosable
from imports.models import ImportJob, SourceMapping
from imports.reader.dates import ORDER_CHOICES
from imports.reader.numbers import MARK_CHOICES
from socialcrm.visibility import campaigns_editable_by, publishers_choosable_by


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Export file (CSV or XLSX)"),
                           help_text=_("Comma, semicolon or tab separated, in UTF-8, UTF-16 (Excel's "
                                       "“Unicode text”) or GB18030/GBK."))
    source = forms.CharField(
        label=_("Source"), max_length=100,
        help_text=_("Where the file comes from, e.g. “Ocean Engine daily report”. Its column "
                    "mapping is remembered for the next file from the same source."),
    )

    def __init__(self, *args, too_large=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(SourceMapping.objects.values_list("name", flat=True))
        if too_large:  # the upload handler dropped the file as it arrived (socialcrm.upload_handlers)
            self.fields["file"].error_messages["required"] = self._too_large_message(too_large)
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain"
        self.fields["source"].widget.attrs["list"] = "known-sources"

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(self._too_large_message(uploaded.size))
        return uploaded

    @staticmethod
    def _too_large_message(size):
        return _("The file is %(size)s; the limit is %(limit)s. Split it by date range and "
                 "import the parts.") % {"size": filesizeformat(size),
                                         "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}


def _date_order(code, example):
    if code == "dmy":
        return gettext("Day first (%(example)s)") % {"example": example}
    return gettext("Month first (%(example)s)") % {"example": example}


# Translated when the form is shown, in the reader's language (the choices are built at import).
_date_order_label = lazy(_date_order, str)


class MappingForm(forms.Form):
    """One select per fact field listing the file's headers, plus fixed values for files that
    carry no campaign, publisher or platform column."""

    campaign = forms.ModelChoiceField(queryset=None, required=False, label=_("Campaign for every row"))
    publisher = forms.ModelChoiceField(queryset=Account.objects.none(), required=False, label=_("Publisher for every row"))
    platform = forms.ChoiceField(choices=[("", "---------"), *Platform.choices], required=False,
                                 label=_("Platform for every row"))
    date_order = forms.ChoiceField(
        choices=[("", _("Tell from the file")),
                 *((code, _date_order_label(code, example)) for code, example in ORDER_CHOICES)],
        required=False, label=_("Date order"),
        help_text=_("Only needed when every date could be read both ways, e.g. 03/04/2026."))
    decimal_mark = forms.ChoiceField(
        choices=[("", _("Tell from the file")), *MARK_CHOICES], required=False, label=_("Number format"),
        help_text=_("Only needed when the numbers could be read both ways, e.g. 1.234."))
    import_when_clean = forms.BooleanField(
        required=False, label=_("Import straight away when every row is good"),
        help_text=_("All rows or nothing, without stopping at the report. A file with a rejected row, a "
                    "platform name to map or rows outside their campaign's dates still stops there."))

    def __init__(self, *args, job, user, **kwargs):
        initial = {f"column_{name}": header for name, header in job.columns.items()}
        initial.update(campaign=job.campaign_id, publisher=job.publisher_id, platform=job.platform,
                       import_when_clean=job.import_when_clean, **job.reading)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["campaign"].queryset = campaigns_editable_by(user).order_by("name")
        self.fields["publisher"].queryset = publishers_choosable_by(user).order_by("name")
        choices = [("", _("— not in this file —")), *[(header, header) for header in job.headers]]
        for name in FIELDS:
            self.fields[f"column_{name}"] = forms.ChoiceField(choices=choices, required=False,
                                                              label=LABELS[name])

    def reading_fields(self):
        return [self["date_order"], self["decimal_mark"]]

    def reading(self):
        return {name: self.cleaned_data.get(name, "") for name in ("date_order", "decimal_mark")}

    def column_fields(self):
        return [self[f"column_{name}"] for name in FIELDS]

    def columns(self):
        return {name: self.cleaned_data[f"column_{name}"] for name in FIELDS
                if self.cleaned_data.get(f"column_{name}")}

    def clean(self):
        data = super().clean()
        chosen = [header for name in FIELDS if (header := data.get(f"column_{name}"))]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each column of the file can fill only one field."))
        return data


class CommitForm(forms.Form):
    mode = forms.ChoiceField(choices=[("all", _("All rows or nothing")), ("good", _("Good rows only"))])
    outside = forms.ChoiceField(choices=[("", "---------"), *ImportJob.OutsideDates.choices], required=False,
                                label=_("Rows dated outside their campaign's dates"))


class NamesForm(forms.Form):
    """One choice per platform campaign/account the CRM could not place: a CRM campaign (the
    suggested ones first) or "leave these rows out". Only what `user` may write is offered."""

    SKIP = "skip"

    def __init__(self, *args, job, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        for kind in KINDS:
            targets = dict(choosable(user, kind).order_by("name").values_list("pk", "name"))
            for index, item in enumerate(job.unknown_names.get(kind, [])):
                suggested = [pk for pk in item["suggestions"] if pk in targets]
                name = f"{kind}_{index}"
                self.fields[name] = forms.TypedChoiceField(
                    label=item["name"] or item["external_id"], required=True, coerce=str,
                    choices=self._choices(kind, suggested, targets),
                    initial=suggested[0] if suggested else "",
                    error_messages={"required": _("Choose a campaign or leave these rows out.")})
                self.items.append((kind, item, self[name]))

    def _choices(self, kind, suggested, targets):
        others = [(pk, name) for pk, name in targets.items() if pk not in suggested]
        everything = _("All your campaigns") if kind == CAMPAIGN else _("All publishers")
        choices = [("", _("— choose —")), (self.SKIP, _("Leave these rows out"))]
        if suggested:
            choices.append((_("Suggested"), [(pk, targets[pk]) for pk in suggested]))
        choices.append((everything, others))
        return choices

    def campaign_items(self):
        return [(item, field) for kind, item, field in self.items if kind == CAMPAIGN]

    def publisher_items(self):
        return [(item, field) for kind, item, field in self.items if kind == PUBLISHER]

    def answers(self):
        """(kind, key) -> target id, or None for "leave out"."""
        return {(kind, item["key"]): None if self.cleaned_data[field.name] == self.SKIP
                else int(self.cleaned_data[field.name]) for kind, item, field in self.items}
