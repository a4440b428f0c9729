"""Cadence health across accounts: which agreed meetings are overdue or due soon.

One place decides the states, so the home panel, the account lists and their filters agree.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Cadence, Meeting

DUE_SOON_DAYS = 7

OVERDUE, DUE_SOON, OK, NONE = "overdue", "due_soon", "ok", "none"
STATES = {
    OVERDUE: _("Overdue"),
    DUE_SOON: _("Due within 7 days"),
    OK: _("On track"),
    NONE: _("No cadence"),
}


def state_of(next_due_on, today=None):
    """The health of one due date (or of an account's earliest one); NONE without any."""
    if next_due_on is None:
        return NONE
    today = today or timezone.localdate()
    if next_due_on < today:
        return OVERDUE
    if next_due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return OK


def with_next_cadence_due(accounts):
    """Annotate each account with the earliest due date of its active cadences."""
    return accounts.annotate(
        next_cadence_due=Min("cadences__next_due_on", filter=Q(cadences__is_active=True)),
    )


def filter_by_state(accounts, state, today=None):
    """Accounts (annotated by `with_next_cadence_due`) whose worst cadence is in `state`."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    conditions = {
        OVERDUE: Q(next_cadence_due__lt=today),
        DUE_SOON: Q(next_cadence_due__gte=today, next_cadence_due__lte=soon),
        OK: Q(next_cadence_due__gt=soon),
        NONE: Q(next_cadence_due__isnull=True),
    }
    return accounts.filter(conditions[state]) if state in conditions else accounts


@dataclass(frozen=True)
class CadenceDue:
    cadence: Cadence
    state: str
    planned_on: date | None  # the planned meeting of the cadence's kind, if any

    @property
    def days_late(self):
        return (timezone.localdate() - self.cadence.next_due_on).days

    @property
    def planned_after_due(self):
        """A meeting is planned, but for after the cadence is due: the promise will slip."""
        return self.planned_on is not None and self.planned_on > self.cadence.next_due_on


def cadences_needing_attention(accounts, today=None, limit=20):
    """Active cadences of these accounts that are overdue or due within the week, most late first."""
    today = today or timezone.localdate()
    cadences = list(
        Cadence.objects.filter(
            account__in=accounts.values("pk"), account__archived_at__isnull=True, is_active=True,
            next_due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        ).select_related("account", "account__account_manager").order_by("next_due_on", "pk")[:limit]
    )
    planned = _planned_meetings(cadences, today)
    return [
        CadenceDue(cadence, state_of(cadence.next_due_on, today),
                   planned.get((cadence.account_id, cadence.meeting_kind)))
        for cadence in cadences
    ]


def _planned_meetings(cadences, today):
    """(account id, kind) -> the date of the next planned meeting, one query for all cadences."""
    planned = {}
    meetings = Meeting.objects.planned().filter(
        account_id__in={cadence.account_id for cadence in cadences}, held_at__date__gte=today,
    ).order_by("held_at").values_list("account_id", "kind", "held_at")
    for account_id, kind, held_at in meetings:
        planned.setdefault((account_id, kind), timezone.localtime(held_at).date())
    return planned
