"""Crisis events on the account timeline: signals, and incidents with every step they took.

Only what this user may see (socialcrm.visibility): the account's signals not about a campaign
hidden from them, and incidents whose only affected account is this one and which they may see.
An incident spanning several accounts stays off the account's timeline and appears in the trust
panel.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from crisis.models import Incident, TimelineEntry
from socialcrm.extensions import TimelineEvent
from socialcrm.visibility import incidents_visible_to, signals_visible_to


def events_for_account(account, *, user, before=None, limit=30):
    return _signal_events(account, user, before, limit) + _incident_events(account, user, before, limit)


def _signal_events(account, user, before, limit):
    signals = signals_visible_to(user).filter(account=account)
    if before is not None:
        signals = signals.filter(first_seen_at__lt=before)
    return [
        TimelineEvent(at=signal.first_seen_at, kind="signal", title=_("Warning: %s") % signal.display_title,
                      url=signal.get_absolute_url(), detail=signal.get_severity_display())
        for signal in signals.order_by("-first_seen_at")[:limit]
    ]


def _incident_events(account, user, before, limit):
    other_accounts = Incident.accounts.through.objects.filter(incident_id=OuterRef("pk")).exclude(
        account_id=account.pk)
    only_this_account = incidents_visible_to(user).filter(accounts=account).filter(~Exists(other_accounts))
    entries = TimelineEntry.objects.filter(incident__in=only_this_account)
    if before is not None:
        entries = entries.filter(at__lt=before)
    entries = entries.select_related("incident", "actor").order_by("-at", "-pk")[:limit]
    return [
        TimelineEvent(at=entry.at, kind="incident", title=f"{entry.incident}: {entry.text}",
                      url=entry.incident.get_absolute_url(), detail=entry.get_kind_display(),
                      actor=str(entry.actor or ""))
        for entry in entries
    ]
