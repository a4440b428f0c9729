"""Per-person figures for whoever leads the account managers: is each one keeping promises?

For every account manager over a window: how many cadence due dates their accounts met, how many
of their action items were done by the due date, and how fast their feedback got a first answer.
Each figure carries its counts, so "100%" of one is never mistaken for "100%" of fifty.
"""

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from accounts.models import ActionItem, User
from accounts.selectors import cadence_kept_and_due

WINDOW_DAYS = 90


@dataclass(frozen=True)
class Share:
    met: int
    total: int

    @property
    def percent(self):
        return round(100 * self.met / self.total) if self.total else None


@dataclass(frozen=True)
class PersonFigures:
    person: User
    accounts: int
    cadence: Share
    action_items: Share
    first_response_hours: float | None  # median over the feedback answered in the window
    responses_on_time: Share


def team_figures(viewer, today=None, days=WINDOW_DAYS):
    """One row per account manager the viewer may judge: everyone for admins and executives,
    themselves for an account manager, nobody else."""
    today = today or timezone.localdate()
    since = today - timedelta(days=days)
    people = User.objects.filter(role=User.Role.ACCOUNT_MANAGER, is_active=True)
    if not (viewer.is_admin or viewer.role == User.Role.EXECUTIVE):
        people = people.filter(pk=viewer.pk)
    return [_figures(person, since, today) for person in people.order_by("first_name", "username")]


def _figures(person, since, today):
    account_ids = list(person.managed_accounts.filter(archived_at__isnull=True).values_list("pk", flat=True))
    first_hours, on_time = _feedback_figures(person, since, today)
    return PersonFigures(person=person, accounts=len(account_ids),
                         cadence=_cadence_share(account_ids, since, today),
                         action_items=_action_item_share(person, since, today),
                         first_response_hours=first_hours, responses_on_time=on_time)


def _cadence_share(account_ids, since, today):
    return Share(*cadence_kept_and_due(account_ids, since, today))


def _action_item_share(person, since, today):
    """Items due in the window (and no later than today): done by their due date, out of all."""
    items = ActionItem.objects.filter(owner=person, archived_at__isnull=True, due_on__gte=since,
                                      due_on__lt=today)
    total = met = 0
    for due_on, done_at in items.values_list("due_on", "done_at"):
        total += 1
        met += done_at is not None and timezone.localtime(done_at).date() <= due_on
    return Share(met, total)


def _feedback_figures(person, since, today):
    """Median hours to a first answer, and answers in time out of all whose deadline has come:
    feedback still unanswered past its deadline counts as late, not as missing."""
    feedback = apps.get_model("feedback", "Feedback")
    received = feedback.objects.filter(owner=person, received_at__date__gte=since,
                                       received_at__date__lte=today)
    due = received.filter(Q(first_response_at__isnull=False) | Q(respond_by__lt=timezone.now()))
    hours, on_time, judged = [], 0, 0
    for received_at, first_response_at, respond_by in due.values_list(
            "received_at", "first_response_at", "respond_by"):
        judged += 1
        if first_response_at is not None:
            hours.append((first_response_at - received_at).total_seconds() / 3600)
            on_time += first_response_at <= respond_by
    return (round(median(hours), 1) if hours else None), Share(on_time, judged)
