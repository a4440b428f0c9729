"""The partner trust score: the one place its formula lives.

A score from 0 to 100 per advertiser and publisher, on a given day, looking back `WINDOW_DAYS`.
Six components, each scored 0-100:

| component  | weight | score                                                                          |
| ---------- | -----: | ------------------------------------------------------------------------------ |
| ratings    |     20 | mean of (rating - 1) / 4 x 100 over feedback received in the window with a rating |
| sentiment  |     15 | 50 + 50 x (positive - negative) / all feedback received in the window           |
| sla        |     20 | share of feedback due in the window (and due by then) answered by its deadline  |
| milestones |     15 | share of milestones of the account's campaigns due in the window done on time   |
| incidents  |     20 | 100 minus a penalty per incident open that day: low 10, medium 20, high 35, critical 50 (floor 0) |
| cadence    |     10 | meetings held / meetings expected by the account's active cadences in the window (each cadence capped at 100%) |

A component without data that day (no feedback, no milestones due, no cadence) is left out and
the weights of the others are rescaled, so a quiet account is not punished for being quiet.
The incidents component always has data (no open incident scores 100).
The score is the weighted mean, rounded half up to a whole number.

Feedback without an account counts for its campaign's advertiser; milestones count for the
campaign's advertiser and every publisher that carries it. All inputs of many accounts over many
days are loaded in a fixed number of queries (`load_histories`), then scored in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Cadence, Meeting
from campaigns.models import Milestone
from crisis.models import Incident, Severity
from feedback.models import Feedback

WINDOW_DAYS = 90


@dataclass(frozen=True)
class Component:
    code: str
    label: str
    weight: int


COMPONENTS = (
    Component("ratings", _("Feedback ratings"), 20),
    Component("sentiment", _("Feedback sentiment"), 15),
    Component("sla", _("Answered within SLA"), 20),
    Component("milestones", _("Milestones on time"), 15),
    Component("incidents", _("Open incidents"), 20),
    Component("cadence", _("Meeting cadence kept"), 10),
)
COMPONENT_LABELS = {component.code: component.label for component in COMPONENTS}
INCIDENT_PENALTY = {Severity.LOW: 10, Severity.MEDIUM: 20, Severity.HIGH: 35, Severity.CRITICAL: 50}
CADENCE_DAYS = {
    Cadence.Interval.WEEKLY: 7, Cadence.Interval.BIWEEKLY: 14,
    Cadence.Interval.MONTHLY: 30, Cadence.Interval.QUARTERLY: 91,
}


@dataclass
class History:
    """What one account went through, as plain rows, enough to score any day in a range."""

    feedback: list = field(default_factory=list)  # (received_at, rating, sentiment, respond_by, first_response_at)
    milestones: list = field(default_factory=list)  # (due_on, completed_on or None)
    incidents: list = field(default_factory=list)  # (detected_at, resolved_at or None, severity)
    cadences: list = field(default_factory=list)  # (meeting_kind, interval)
    meetings: list = field(default_factory=list)  # (kind, held_on)


@dataclass(frozen=True)
class Breakdown:
    score: int
    components: dict  # {code: {"score": float | None, "weight": int, "n": int}}


def breakdown(history, day, *, as_of=None):
    """The score of one account on `day` (until `as_of`, default the end of that day)."""
    as_of = as_of or _end_of(day)
    first_day = day - timedelta(days=WINDOW_DAYS - 1)
    window_start = _start_of(first_day)
    raw = {
        "ratings": _ratings(history, window_start, as_of),
        "sentiment": _sentiment(history, window_start, as_of),
        "sla": _sla(history, window_start, as_of),
        "milestones": _milestones(history, first_day, day),
        "incidents": _incidents(history, as_of),
        "cadence": _cadence(history, first_day, day),
    }
    weighted = [(component.weight, raw[component.code][0]) for component in COMPONENTS
                if raw[component.code][0] is not None]
    total = sum(weight * value for weight, value in weighted) / sum(weight for weight, _v in weighted)
    components = {
        component.code: {
            "score": None if raw[component.code][0] is None else float(_round(raw[component.code][0], "0.1")),
            "weight": component.weight,
            "n": raw[component.code][1],
        }
        for component in COMPONENTS
    }
    return Breakdown(score=int(_round(total, "1")), components=components)


def _ratings(history, start, end):
    ratings = [rating for received, rating, *_rest in history.feedback
               if start <= received <= end and rating is not None]
    if not ratings:
        return None, 0
    return sum(Decimal(rating - 1) / 4 * 100 for rating in ratings) / len(ratings), len(ratings)


def _sentiment(history, start, end):
    sentiments = [sentiment for received, _r, sentiment, *_rest in history.feedback
                  if start <= received <= end]
    if not sentiments:
        return None, 0
    balance = sentiments.count(Feedback.Sentiment.POSITIVE) - sentiments.count(Feedback.Sentiment.NEGATIVE)
    return 50 + Decimal(50) * balance / len(sentiments), len(sentiments)


def _sla(history, start, end):
    due = [(respond_by, answered) for _rec, _r, _s, respond_by, answered in history.feedback
           if start <= respond_by <= end]
    if not due:
        return None, 0
    on_time = sum(1 for respond_by, answered in due if answered is not None and answered <= respond_by)
    return Decimal(on_time) * 100 / len(due), len(due)


def _milestones(history, first_day, day):
    due = [completed for due_on, completed in history.milestones if first_day <= due_on < day]
    on_time = sum(1 for due_on, completed in history.milestones
                  if first_day <= due_on < day and completed is not None and completed <= due_on)
    if not due:
        return None, 0
    return Decimal(on_time) * 100 / len(due), len(due)


def _incidents(history, as_of):
    open_then = [severity for detected, resolved, severity in history.incidents
                 if detected <= as_of and (resolved is None or resolved > as_of)]
    return Decimal(max(0, 100 - sum(INCIDENT_PENALTY[severity] for severity in open_then))), len(open_then)


def _cadence(history, first_day, day):
    if not history.cadences:
        return None, 0
    held_by_kind = defaultdict(int)
    for kind, held_on in history.meetings:
        if first_day <= held_on <= day:
            held_by_kind[kind] += 1
    expected = kept = 0
    for kind, interval in history.cadences:
        wanted = max(1, WINDOW_DAYS // CADENCE_DAYS[interval])
        expected += wanted
        kept += min(held_by_kind[kind], wanted)
    return Decimal(kept) * 100 / expected, expected


def load_histories(account_ids, first_day, last_day):
    """Everything needed to score the accounts on any day from first_day to last_day: 6 queries."""
    ids = list(account_ids)
    histories = {account_id: History() for account_id in ids}
    window_first = first_day - timedelta(days=WINDOW_DAYS)
    start, end = _start_of(window_first), _end_of(last_day)
    _load_feedback(histories, ids, start, end)
    _load_milestones(histories, ids, window_first, last_day)
    _load_incidents(histories, ids, end)
    for account_id, kind, interval in Cadence.objects.filter(account_id__in=ids, is_active=True).values_list(
            "account_id", "meeting_kind", "interval"):
        histories[account_id].cadences.append((kind, interval))
    meetings = Meeting.objects.held().filter(account_id__in=ids, held_at__range=(start, end))
    for account_id, kind, held_at in meetings.values_list("account_id", "kind", "held_at"):
        histories[account_id].meetings.append((kind, timezone.localdate(held_at)))
    return histories


def _load_feedback(histories, ids, start, end):
    rows = (
        Feedback.objects.filter(Q(account_id__in=ids) | Q(account__isnull=True, campaign__advertiser_id__in=ids))
        .filter(Q(received_at__range=(start, end)) | Q(respond_by__range=(start, end)))
        .values_list("account_id", "campaign__advertiser_id", "received_at", "rating", "sentiment",
                     "respond_by", "first_response_at")
    )
    for account_id, advertiser_id, *values in rows:
        histories[account_id or advertiser_id].feedback.append(tuple(values))


def _load_milestones(histories, ids, first_day, last_day):
    milestones = Milestone.objects.filter(due_on__range=(first_day, last_day))
    sides = (("campaign__advertiser_id", milestones.filter(campaign__advertiser_id__in=ids)),
             ("campaign__publishers", milestones.filter(campaign__publishers__in=ids)))
    for account_field, rows in sides:
        for account_id, due_on, completed_at in rows.values_list(account_field, "due_on", "completed_at"):
            if account_id in histories:
                completed = timezone.localdate(completed_at) if completed_at else None
                histories[account_id].milestones.append((due_on, completed))


def _load_incidents(histories, ids, end):
    links = Incident.accounts.through.objects.filter(
        account_id__in=ids, incident__detected_at__lte=end, incident__archived_at__isnull=True,
    )
    for account_id, detected, resolved, severity in links.values_list(
            "account_id", "incident__detected_at", "incident__resolved_at", "incident__severity"):
        histories[account_id].incidents.append((detected, resolved, severity))


def score_accounts(account_ids, days):
    """{(account_id, day): Breakdown} for every account and day; a fixed number of queries."""
    days = sorted(days)
    histories = load_histories(account_ids, days[0], days[-1])
    now = timezone.now()
    return {
        (account_id, day): breakdown(history, day, as_of=min(now, _end_of(day)))
        for account_id, history in histories.items()
        for day in days
    }


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of(day):
    return timezone.make_aware(datetime.combine(day, time.max))


def _round(value, places):
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)
