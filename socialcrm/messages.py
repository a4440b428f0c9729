"""Messages stored as a code and parameters and rendered in the reader's language when shown or
sent: notifications (and the emails made of them), warning-signal titles and incident timeline
entries.

A writer stores `deferred(code, **params)`, a small JSON-able dict; a reader calls
`render(data, fallback)` under its own language (`translation.override(user_language(user))` for
an email). Every text is defined here, once, so `makemessages` finds it and a stored code always
has its text. Parameters are data (names, titles, numbers, ISO dates) or references that are only
worded at display:

- `choice(obj, "field")`: the label of a choice field's value ("Accountable" / "负责人");
- `ref(obj)`: the object's own name in the reader's language (e.g. feedback "Complaint · …");
- `kpi(code)`, `kpi_value(code, value)`: a KPI's name, a value in its notation;
- `as_param(data, fallback)`: another stored message (a signal's title in a notification).

Rows written before this existed have no code: `render` shows their stored text as it is.
"""

from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

TEXTS = {
    # notifications ------------------------------------------------------------------------
    "feedback_new": _("New feedback: %(feedback)s"),
    "feedback_assigned": _("Feedback assigned to you: %(feedback)s"),
    "feedback_sla_breach": _("Response deadline missed: %(feedback)s"),
    "crisis_signal": _("Warning: %(signal)s"),
    "incident_role": _("You are %(role)s in incident %(incident)s"),
    "incident_preventive_action": _("Preventive action for you: %(title)s"),
    "incident_action_overdue": _("Overdue since %(due)s: %(title)s (%(incident)s)"),
    "incident_action_escalated": _("Escalation: %(owner)s's action “%(title)s” is overdue since %(due)s "
                                   "(%(incident)s)"),
    "incident_owner": _("You own incident %(incident)s"),
    "incident_action": _("Action for you by %(due)s: %(title)s"),
    "incident_status": _("%(incident)s: %(entry)s"),
    "account_shared": _("%(who)s shared the account %(account)s with you."),
    "action_item_assigned": _("New action item on %(account)s: %(title)s (due %(due)s)"),
    "cadence_overdue": _("%(kind)s with %(account)s was due on %(due)s."),
    "action_item_overdue": _("Overdue action item on %(account)s: %(title)s (due %(due)s)"),
    "action_item_due": _("Action item due %(due)s on %(account)s: %(title)s"),
    "milestone_sent_back": _("%(stage)s review: %(decision)s. “%(step)s” of %(campaign)s is back with you, "
                             "due %(due)s."),
    "milestone_due_soon": _("“%(step)s” of %(campaign)s is due on %(due)s."),
    "milestone_due_today": _("“%(step)s” of %(campaign)s is due today."),
    "milestone_overdue": _("“%(step)s” of %(campaign)s is overdue (due %(due)s)."),
    "milestone_escalated": _("Escalation: “%(step)s” of %(campaign)s, owned by %(owner)s, is overdue "
                             "since %(due)s."),
    "campaign_plan_late": ngettext_lazy(
        "%(campaign)s is projected to launch on %(projected)s, %(days)s working day after its launch date "
        "%(launch)s.",
        "%(campaign)s is projected to launch on %(projected)s, %(days)s working days after its launch date "
        "%(launch)s.", "days"),
    # warning-signal titles ----------------------------------------------------------------
    "signal_kpi_below_target": _("%(kpi)s %(value)s %(status)s (target %(direction)s %(target)s) · "
                                 "%(campaign)s"),
    "signal_kpi_drop": _("%(kpi)s %(value)s vs %(baseline)s baseline (%(change)s %%) · %(campaign)s"),
    "signal_budget_overspend": _("Spend %(spend)s is %(used)s %% of budget %(budget)s %(currency)s · "
                                 "%(campaign)s"),
    "signal_key_milestone_overdue": ngettext_lazy(
        "Key milestone “%(step)s” overdue by %(days)s day · %(campaign)s",
        "Key milestone “%(step)s” overdue by %(days)s days · %(campaign)s", "days"),
    "signal_negative_feedback": ngettext_lazy(
        "%(count)s negative feedback in %(days)s days (baseline %(baseline)s) · %(account)s",
        "%(count)s negative feedback in %(days)s days (baseline %(baseline)s) · %(account)s", "count"),
    "signal_sla_breaches": ngettext_lazy(
        "%(count)s feedback answered late in %(days)s days · %(account)s",
        "%(count)s feedback answered late in %(days)s days · %(account)s", "count"),
    "step_mention": _("%(author)s mentioned you on “%(step)s” of %(campaign)s: %(text)s"),
    "signal_mention_spike": ngettext_lazy(
        "%(count)s mention in %(hours)s h (baseline %(baseline)s) · %(account)s",
        "%(count)s mentions in %(hours)s h (baseline %(baseline)s) · %(account)s", "count"),
    "signal_negative_share_rise": _(
        "Negative mentions %(share)s %% in %(days)s days (baseline %(baseline)s %%) · %(account)s"),
    # incident timeline --------------------------------------------------------------------
    "incident_opened": _("Incident opened by %(user)s (severity %(severity)s), owner %(owner)s."),
    "incident_from_signal": _("Opened from signal: %(signal)s"),
    "incident_playbook": ngettext_lazy("%(count)s action added from the “%(playbook)s” playbook.",
                                       "%(count)s actions added from the “%(playbook)s” playbook.", "count"),
    "incident_action_added": _("Action “%(title)s” assigned to %(owner)s, due %(due)s."),
    "incident_action_changed": _("Action “%(title)s” changed: owner %(owner)s, due %(due)s."),
    "incident_action_done": _("Action “%(title)s” done."),
    "incident_responsibility": _("%(person)s is %(role)s."),
    "incident_statement": _("Statement sent to %(to)s by %(channel)s."),
    "incident_preventive": _("Preventive action “%(title)s” owned by %(owner)s."),
    "incident_status_changed": _("Status: %(old)s → %(new)s. %(note)s"),
    "incident_postmortem_written": _("Post-mortem written."),
    "incident_postmortem_updated": _("Post-mortem updated."),
    "incident_edited": _("Edited: %(changes)s."),
    "incident_field_changed": _("%(field)s → %(value)s"),
    "incident_escalation": _("Action “%(title)s” overdue since %(due)s; escalated to %(names)s."),
}

# The words a signal's status is told in ("met", "at risk", "missed").
KPI_STATUS = {
    "met": pgettext_lazy("KPI status", "met"),
    "at_risk": pgettext_lazy("KPI status", "at risk"),
    "missed": pgettext_lazy("KPI status", "missed"),
}


def deferred(code, **params):
    """What to store: the code of a text above and its parameters (JSON-able)."""
    if code not in TEXTS:
        raise KeyError(f"No message text for {code!r}")
    return {"code": code, "params": {name: _plain(value) for name, value in params.items()}}


def as_param(data, fallback):
    """Another stored message as a parameter: worded at display, or its old text."""
    return {"msg": data} if data else fallback


def choice(obj, field_name):
    """A choice field's value, worded at display by the field's own choices."""
    return {"choice": f"{obj._meta.label}.{field_name}", "value": getattr(obj, field_name)}


def field_label(obj, field_name):
    """A field's name (its verbose name) in the reader's language."""
    return {"field": f"{obj._meta.label}.{field_name}"}


def ref(obj):
    """An object named at display (its `str` in the reader's language), or as it was if gone."""
    return {"ref": obj._meta.label, "pk": obj.pk, "text": str(obj)}


def kpi(code):
    return {"kpi": code}


def kpi_value(code, value):
    return {"kpi": code, "value": None if value is None else str(value)}


def status(code):
    return {"status": code}


def render(data, fallback=""):
    """The stored message in the active language; `fallback` (the old free text) without a code."""
    if isinstance(data, str):
        return data
    if not data or data.get("code") not in TEXTS:
        return fallback
    try:
        # `%` on the lazy text itself: a plural text picks its form by the count it names
        text = str(TEXTS[data["code"]] % {name: _word(value) for name, value in data["params"].items()})
    except (KeyError, TypeError, ValueError):
        return fallback
    return text.strip()


def render_in(language, data, fallback=""):
    with translation.override(language):
        return render(data, fallback)


def english(data):
    """The English wording, kept beside the code for the admin, search and old readers."""
    return render_in("en", data)


def user_language(user):
    """The language a person reads messages and emails in: theirs, else the site's default."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def contact_language(contact):
    """The language a partner's contact reads what we send them in: the contact's, else their
    partner user's, else the site's default."""
    if contact.language:
        return contact.language
    user = getattr(contact, "portal_user", None) if contact.pk else None
    return user_language(user)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dict, int, float, type(None))):
        return value
    return str(value)


def _word(value):
    if isinstance(value, list):
        return ", ".join(str(_word(item)) for item in value)
    if not isinstance(value, dict):
        return "–" if value is None else value
    if "msg" in value:
        return render(value["msg"])
    if "choice" in value:
        return _choice_label(value["choice"], value["value"])
    if "ref" in value:
        return _ref_text(value)
    if "field" in value:
        return _field_label(value["field"])
    if "kpi" in value:
        return _kpi_word(value)
    if "status" in value:
        return str(KPI_STATUS.get(value["status"], value["status"]))
    return str(value)


def _choice_label(path, code):
    label, field_name = path.rsplit(".", 1)
    try:
        field = apps.get_model(label)._meta.get_field(field_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return code
    return str(dict(field.flatchoices).get(code, code))


def _field_label(path):
    label, field_name = path.rsplit(".", 1)
    try:
        return str(apps.get_model(label)._meta.get_field(field_name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return field_name


def _ref_text(value):
    try:
        obj = apps.get_model(value["ref"])._default_manager.filter(pk=value["pk"]).first()
    except LookupError:
        obj = None
    return str(obj) if obj is not None else value.get("text", "")


def _kpi_word(value):
    from reports import kpis

    code = value["kpi"]
    if "value" not in value:
        return str(kpis.KPIS[code][0].label) if code in kpis.KPIS else code
    return kpis.notation(code, value["value"])


# --- a signal's evidence -------------------------------------------------------------------
# Evidence is stored as data (codes, numbers, ISO dates); these are the words it is shown in.
EVIDENCE_LABELS = {
    "kpi": _("KPI"), "value": _("value"), "status": _("status"), "target": _("target"),
    "direction": _("direction"), "at_risk_threshold": _("at-risk threshold"), "window": _("window"),
    "sums": _("totals"), "baseline": _("baseline"), "change_pct": _("change (%)"),
    "drop_pct": _("drop threshold (%)"), "baseline_window": _("baseline window"), "spend": _("spend"),
    "budget": _("budget"), "used_pct": _("budget used (%)"), "threshold_pct": _("threshold (%)"),
    "currency": _("currency"), "milestone": _("milestone"), "due_on": _("due on"),
    "days_overdue": _("days overdue"), "owner": _("owner"), "health": _("plan health"),
    "projected_launch_on": _("projected launch"), "launch_slip_working_days": _("launch slip (working days)"),
    "negative": _("negative feedback"), "total": _("all feedback"),
    "baseline_negative": _("negative feedback in the baseline"),
    "baseline_per_window": _("baseline per window"), "window_days": _("window (days)"),
    "baseline_days": _("baseline (days)"), "breaches": _("late answers"), "min_count": _("minimum count"),
}


def evidence_items(evidence):
    """A signal's evidence as (label, readable value) pairs in the reader's language."""
    return [(str(EVIDENCE_LABELS.get(name, name.replace("_", " "))), _evidence_value(name, value, evidence))
            for name, value in evidence.items()]


def _evidence_value(name, value, evidence):
    if value is None:
        return "–"
    if isinstance(value, dict):
        from reports.tables import column_labels

        labels = column_labels(evidence.get("currency", ""))
        return ", ".join(f"{labels.get(key, key)} {item}" for key, item in value.items())
    if isinstance(value, list):
        return " – ".join(_evidence_value(name, item, evidence) for item in value)
    if name == "kpi":
        return _kpi_word(kpi(value))
    if name == "status" and value in KPI_STATUS:
        return str(KPI_STATUS[value])
    if name == "status":
        return _choice_label("campaigns.Milestone.status", value)
    if name == "direction":
        return _choice_label("campaigns.KpiTarget.direction", value)
    if name == "health":
        from campaigns.projection import Health

        return str(dict(Health.choices).get(value, value))
    if name in ("value", "target", "baseline", "at_risk_threshold") and "kpi" in evidence:
        return _kpi_word(kpi_value(evidence["kpi"], value))
    return str(value)
