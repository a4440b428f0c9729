"""Crisis events on the account timeline: signals, and incidents with every step they took.

The timeline hook receives no user, so it lists only what everyone who may see the account may
see: the account's own signals, and incidents whose only affected account is this one. An incident
spanning several accounts is visible only to those who see them all (crisis.selectors), so it
stays off the shared timeline and appears in the trust panel, which knows the user.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from crisis.models import Incident, Signal, TimelineEntry
from socialcrm.extensions import TimelineEvent


def events_for_account(account, *, before=None, limit=30):
    return _signal_events(account, before, limit) + _incident_events(account, before, limit)


def _signal_events(account, before, limit):
    signals = Signal.objects.filter(account=account)
    if before is not None:
        signals = signals.filter(first_seen_at__lt=before)
    return [
        TimelineEvent(at=signal.first_seen_at, kind="signal", title=_("Warning: %s") % signal.title,
                      url=signal.get_absolute_url(), detail=signal.get_severity_display())
        for signal in signals.order_by("-first_seen_at")[:limit]
    ]


def _incident_events(account, before, limit):
    other_accounts = Incident.accounts.through.objects.filter(incident_id=OuterRef("pk")).exclude(
        account_id=account.pk)
    only_this_account = Incident.objects.filter(accounts=account).filter(~Exists(other_accounts))
    entries = TimelineEntry.objects.filter(incident__in=only_this_account)
    if before is not None:
        entries = entries.filter(at__lt=before)
    entries = entries.select_related("incident", "actor").order_by("-at", "-pk")[:limit]
    return [
        TimelineEvent(at=entry.at, kind="incident", title=f"{entry.incident}: {entry.message}",
                      url=entry.incident.get_absolute_url(), detail=entry.get_kind_display(),
                      actor=str(entry.actor or ""))
        for entry in entries
    ]
