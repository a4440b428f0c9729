"""Audit entries as people read them: translated field labels and values, names instead of ids.

The trail stores raw values (codes, ids) so it stays exact; this turns them into words when the
page is rendered, in the reader's language. Linked records are named only when the reader may
see them, so a history can never reveal a confidential account through a foreign key.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HIDDEN = "—"
VERBS = {
    "create": gettext_lazy("created"), "update": gettext_lazy("changed"),
    "set": gettext_lazy("set"), "archive": gettext_lazy("archived"),
    "restore": gettext_lazy("restored"), "done": gettext_lazy("done"),
    "stop": gettext_lazy("stopped"), "share": gettext_lazy("shared"),
    "unshare": gettext_lazy("unshared"), "delete": gettext_lazy("deleted"),
    "export": gettext_lazy("exported"),
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None for a creation: only the new value is shown
    new: str


def describe(entries, viewer):
    """Give each entry `what` ("Meeting changed"), `target_label` and `readable_changes` (Changes)."""
    entries = list(entries)
    names = _NameResolver(viewer)
    for entry in entries:
        model = _model_of(entry.target_type)
        entry.what = _what(entry.action, model)
        entry.target_label = _target_label(entry, model, names)
        entry.readable_changes = [
            change for field, value in entry.changes.items()
            if (change := _change(model, field, value, entry.action, names)) is not None
        ]
    return entries


def _model_of(target_type):
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _target_label(entry, model, names):
    """The record's name; a partnership is named by its two sides, each only if visible."""
    if model is not None and model._meta.label_lower == "accounts.partnership":
        pair = model._default_manager.filter(pk=entry.target_id).values_list(
            "publisher_id", "advertiser_id").first() if entry.target_id.isdigit() else None
        if pair:
            account = apps.get_model("accounts.Account")
            return " × ".join(names.name(account, pk) for pk in pair)
        return HIDDEN
    return entry.target_repr


def _what(action, model):
    verb = VERBS.get(action.rpartition(".")[2])
    if model is None or verb is None:
        return action
    return _("%(record)s %(verb)s") % {"record": str(model._meta.verbose_name).capitalize(),
                                        "verb": verb}


def _change(model, field_name, value, action, names):
    field = _field(model, field_name)
    if field is None:
        return None  # internal fields (ids, timestamps) say nothing to a reader
    is_edit = action.endswith((".update", ".set")) and isinstance(value, list) and len(value) == 2
    label = str(field.verbose_name).capitalize()
    if is_edit:
        return Change(label, _value(field, value[0], names), _value(field, value[1], names))
    return Change(label, None, _value(field, value, names))


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - an entry may name a field that no longer exists
        return None
    if field.auto_created or not getattr(field, "editable", True):
        return None
    return field


def _value(field, value, names):
    if value is None or value == "" or value == []:
        return HIDDEN
    if field.is_relation:
        ids = value if isinstance(value, list) else [value]
        return ", ".join(names.name(field.related_model, pk) for pk in ids)
    if field.choices:
        labels = dict(field.flatchoices)
        if isinstance(value, list):
            return ", ".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    return str(value)


class _NameResolver:
    """Names of linked records, looked up once each, and only where the viewer may see them."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.cache = {}

    def name(self, model, pk):
        if not isinstance(pk, int) and not (isinstance(pk, str) and pk.isascii() and pk.isdigit()):
            return str(pk)  # stored as a name already (e.g. the colleague an account was shared with)
        key = (model._meta.label_lower, int(pk))
        if key not in self.cache:
            obj = self._visible(model).filter(pk=pk).first()
            self.cache[key] = str(obj) if obj is not None else HIDDEN
        return self.cache[key]

    def _visible(self, model):
        from accounts.models import Account, User
        from socialcrm.visibility import accounts_visible_to

        if model is Account:
            return accounts_visible_to(self.viewer)
        if model is User or model._meta.label_lower == "accounts.contact":
            return model._default_manager.all()
        return model._default_manager.none()  # other records: not named in an account's history
