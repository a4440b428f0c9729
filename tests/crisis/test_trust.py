"""The trust score formula (crisis/trust.py) on constructed inputs: exact numbers."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Cadence, Meeting
from crisis import services, trust
from crisis.models import Incident, TrustScore
from crisis.tasks import refresh_trust_scores
from tests.crisis.factories import FeedbackFactory, MilestoneFactory
from tests.factories import AccountFactory, CampaignFactory


def _incident(account, severity, *, detected_days_ago=1, resolved_days_ago=None):
    now = timezone.now()
    incident = Incident.objects.create(
        title="x", severity=severity, owner=account.account_manager, opened_by=account.account_manager,
        detected_at=now - timedelta(days=detected_days_ago),
        resolved_at=now - timedelta(days=resolved_days_ago) if resolved_days_ago is not None else None,
        status="resolved" if resolved_days_ago is not None else "responding",
    )
    incident.accounts.add(account)
    return incident


def _feedback(account, *, rating=None, sentiment="neutral", answered_late=False):
    received = timezone.now() - timedelta(days=5)
    respond_by = received + timedelta(hours=24)
    answered = respond_by + timedelta(hours=3) if answered_late else respond_by - timedelta(hours=3)
    return FeedbackFactory(account=account, rating=rating, sentiment=sentiment, received_at=received,
                           respond_by=respond_by, first_response_at=answered)


def _meeting(account, kind, days_ago):
    return Meeting.objects.create(account=account, kind=kind, logged_by=account.account_manager,
                                  held_at=timezone.now() - timedelta(days=days_ago))


def test_breakdown_of_an_account_with_every_kind_of_input(db):
    today = timezone.localdate()
    account = AccountFactory()
    _feedback(account, rating=5, sentiment="positive")
    _feedback(account, rating=3, sentiment="positive")
    _feedback(account, sentiment="negative", answered_late=True)
    _feedback(account, sentiment="neutral")
    campaign = CampaignFactory(advertiser=account)
    MilestoneFactory(campaign=campaign, due_on=today - timedelta(days=10),
                     completed_at=timezone.now() - timedelta(days=11), status="done")
    MilestoneFactory(campaign=campaign, due_on=today - timedelta(days=5),
                     completed_at=timezone.now() - timedelta(days=3), status="done")
    MilestoneFactory(campaign=campaign, due_on=today + timedelta(days=1))  # not due yet
    _incident(account, "high")
    _incident(account, "critical", detected_days_ago=20, resolved_days_ago=10)  # over: no penalty now
    Cadence.objects.create(account=account, meeting_kind="monthly_review", interval="monthly",
                           next_due_on=today)
    _meeting(account, "monthly_review", 10)
    _meeting(account, "monthly_review", 40)
    _meeting(account, "monthly_review", 120)  # outside the 90-day window
    _meeting(account, "ad_hoc", 5)  # not what the cadence asks for

    refresh_trust_scores.delay()

    snapshot = TrustScore.objects.get(account=account, day=today)
    scores = {code: part["score"] for code, part in snapshot.components.items()}
    assert scores == {"ratings": 75.0, "sentiment": 62.5, "sla": 75.0, "milestones": 50.0,
                      "incidents": 65.0, "cadence": 66.7}
    # (20x75 + 15x62.5 + 20x75 + 15x50 + 20x65 + 10x66.67) / 100 = 66.54
    assert snapshot.score == 67
    assert snapshot.components["sla"]["n"] == 4 and snapshot.components["cadence"]["n"] == 3


def test_components_without_data_are_left_out_and_the_rest_rescaled(db):
    account = AccountFactory()
    _feedback(account, rating=3)  # ratings 50, sentiment 50 (neutral), sla 100
    services.refresh_trust_scores()
    snapshot = TrustScore.objects.get(account=account)
    assert snapshot.components["milestones"]["score"] is None
    assert snapshot.components["cadence"]["score"] is None
    # (20x50 + 15x50 + 20x100 + 20x100) / 75 = 76.67
    assert snapshot.score == 77


def test_a_quiet_account_scores_100_and_incidents_weigh_by_severity(db):
    quiet, troubled = AccountFactory(), AccountFactory()
    _incident(troubled, "critical")
    _incident(troubled, "high")
    services.refresh_trust_scores()
    assert TrustScore.objects.get(account=quiet).score == 100
    assert TrustScore.objects.get(account=troubled).components["incidents"]["score"] == 15.0


def test_history_scores_each_day_with_what_was_known_that_day(db):
    account = AccountFactory()
    _incident(account, "medium", detected_days_ago=10, resolved_days_ago=5)
    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in (12, 7, 2)]
    scores = trust.score_accounts([account.pk], days)
    assert [scores[(account.pk, day)].score for day in days] == [100, 80, 100]


def test_refresh_is_idempotent_and_costs_the_same_queries_for_more_accounts(db):
    AccountFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        services.refresh_trust_scores()
    AccountFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        services.refresh_trust_scores()
    services.refresh_trust_scores()
    assert TrustScore.objects.count() == 10
    assert len(many) == len(few)
