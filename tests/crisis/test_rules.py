"""Each warning rule on constructed data: fires when it should, stays quiet otherwise, and raises
one signal per problem however often it runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crisis import services
from crisis.models import Signal, WarningRule
from crisis.tasks import evaluate_warning_rules
from notifications.models import Notification
from tests.crisis.factories import (
    FeedbackFactory,
    MilestoneFactory,
    WarningRuleFactory,
    kpi_target,
    record_daily_facts,
)

Kind = WarningRule.Kind


def signals():
    return list(Signal.objects.order_by("pk"))


# --- KPI below target -----------------------------------------------------------------------


def test_kpi_below_target_fires_once_with_its_evidence(alliance):
    campaign = alliance["campaign_a"]
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    record_daily_facts(campaign, 7, impressions=10_000, clicks=50)  # CTR 0.5%
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET)

    evaluate_warning_rules.delay()
    evaluate_warning_rules.delay()

    [signal] = signals()
    assert signal.campaign == campaign and signal.account == alliance["adv_a"]
    assert signal.evidence["kpi"] == "ctr" and signal.evidence["value"] == 0.5
    assert signal.evidence["target"] == 1.2 and signal.evidence["status"] == "missed"
    assert signal.evaluations == 2 and signal.is_open
    assert {"label": str(campaign), "url": campaign.get_absolute_url()} in signal.links
    assert Notification.objects.filter(recipient=alliance["am_a"], kind="crisis_signal").count() == 1


def test_kpi_on_target_or_only_at_risk_stays_quiet(alliance):
    campaign = alliance["campaign_a"]
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    record_daily_facts(campaign, 7, impressions=10_000, clicks=110)  # CTR 1.1%: at risk, not missed
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET)
    services.evaluate_rules()
    assert signals() == []


def test_at_risk_rule_fires_on_at_risk(alliance):
    campaign = alliance["campaign_a"]
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    record_daily_facts(campaign, 7, impressions=10_000, clicks=110)
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET, scope="campaign", campaign=campaign,
                       parameters={"fire_on": "at_risk"})
    services.evaluate_rules()
    assert [signal.evidence["status"] for signal in signals()] == ["at_risk"]


def test_a_cleared_problem_resolves_its_signal_and_a_recurrence_opens_a_new_one(alliance):
    campaign = alliance["campaign_a"]
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET)
    record_daily_facts(campaign, 7, clicks=50)
    services.evaluate_rules()
    record_daily_facts(campaign, 7, clicks=200)  # corrected figures: CTR 2%
    assert services.evaluate_rules()["cleared"] == 1
    assert Signal.objects.open().count() == 0
    record_daily_facts(campaign, 7, clicks=40)
    services.evaluate_rules()
    first, second = signals()
    assert first.resolved_at is not None and second.is_open and first.dedupe_key == second.dedupe_key


def test_rule_scope_limits_what_it_looks_at(alliance):
    kpi_target(alliance["campaign_a"], "ctr")
    kpi_target(alliance["campaign_b"], "ctr")
    record_daily_facts(alliance["campaign_a"], 7, clicks=50)
    record_daily_facts(alliance["campaign_b"], 7, clicks=50)
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET, scope="account", account=alliance["adv_b"])
    services.evaluate_rules()
    assert [signal.campaign for signal in signals()] == [alliance["campaign_b"]]


# --- KPI drop against its own baseline --------------------------------------------------------


def _baseline_then_recent(campaign, *, recent_clicks):
    end_of_baseline = timezone.localdate() - timedelta(days=8)
    record_daily_facts(campaign, 28, clicks=200, ending=end_of_baseline)  # CTR 2%
    record_daily_facts(campaign, 7, clicks=recent_clicks)


def test_kpi_drop_fires_on_a_sharp_drop_once(alliance):
    _baseline_then_recent(alliance["campaign_a"], recent_clicks=100)  # CTR 2% -> 1%: -50%
    WarningRuleFactory(kind=Kind.KPI_DROP, parameters={"kpis": ["ctr"]})
    services.evaluate_rules()
    services.evaluate_rules()
    [signal] = signals()
    assert signal.evidence["baseline"] == 2.0 and signal.evidence["value"] == 1.0
    assert signal.evidence["change_pct"] == -50.0


def test_kpi_drop_stays_quiet_on_a_small_dip(alliance):
    _baseline_then_recent(alliance["campaign_a"], recent_clicks=170)  # -15%
    WarningRuleFactory(kind=Kind.KPI_DROP, parameters={"kpis": ["ctr"]})
    services.evaluate_rules()
    assert signals() == []


def test_kpi_drop_watches_cost_going_up(alliance):
    end_of_baseline = timezone.localdate() - timedelta(days=8)
    record_daily_facts(alliance["campaign_a"], 28, conversions=10, spend="100", ending=end_of_baseline)
    record_daily_facts(alliance["campaign_a"], 7, conversions=5, spend="100")  # CPA 10 -> 20
    WarningRuleFactory(kind=Kind.KPI_DROP, parameters={"kpis": ["cpa"]})
    services.evaluate_rules()
    assert [signal.evidence["change_pct"] for signal in signals()] == [100.0]


# --- negative feedback spike ---------------------------------------------------------------


def test_negative_feedback_spike_fires_once(alliance):
    FeedbackFactory.create_batch(3, account=alliance["adv_a"], sentiment="negative")
    FeedbackFactory(account=alliance["adv_a"], rating=1)
    WarningRuleFactory(kind=Kind.NEGATIVE_FEEDBACK)
    services.evaluate_rules()
    services.evaluate_rules()
    [signal] = signals()
    assert signal.account == alliance["adv_a"] and signal.evidence["negative"] == 4


def test_negative_feedback_at_its_usual_level_is_no_spike(alliance):
    FeedbackFactory.create_batch(3, account=alliance["adv_a"], sentiment="negative")
    for days_ago in range(10, 34, 2):  # 12 negatives in the 4 weeks before: 3 a week is normal here
        FeedbackFactory(account=alliance["adv_a"], sentiment="negative",
                        received_at=timezone.now() - timedelta(days=days_ago))
    WarningRuleFactory(kind=Kind.NEGATIVE_FEEDBACK)
    services.evaluate_rules()
    assert signals() == []


def test_public_feedback_counts_for_the_campaign_advertiser(alliance):
    FeedbackFactory.create_batch(3, account=None, source="public", campaign=alliance["campaign_b"],
                                 sentiment="negative")
    FeedbackFactory.create_batch(2, account=alliance["adv_a"], sentiment="negative")
    WarningRuleFactory(kind=Kind.NEGATIVE_FEEDBACK)
    services.evaluate_rules()
    assert [signal.account for signal in signals()] == [alliance["adv_b"]]


# --- SLA breaches ----------------------------------------------------------------------------


def test_sla_breaches_fire_once(alliance):
    now = timezone.now()
    FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(days=2))  # never answered
    FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(days=3),
                    first_response_at=now - timedelta(days=1))  # answered late
    WarningRuleFactory(kind=Kind.SLA_BREACHES)
    services.evaluate_rules()
    services.evaluate_rules()
    [signal] = signals()
    assert signal.evidence["breaches"] == 2


def test_answers_on_time_and_items_not_yet_due_stay_quiet(alliance):
    now = timezone.now()
    FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(days=2),
                    first_response_at=now - timedelta(days=3))
    FeedbackFactory(account=alliance["adv_a"], respond_by=now + timedelta(hours=5))
    FeedbackFactory(account=alliance["adv_a"], respond_by=now - timedelta(days=1))  # one breach only
    WarningRuleFactory(kind=Kind.SLA_BREACHES)
    services.evaluate_rules()
    assert signals() == []


# --- key milestone overdue -------------------------------------------------------------------


def test_overdue_key_milestone_fires_once(alliance):
    milestone = MilestoneFactory(campaign=alliance["campaign_a"], owner=alliance["lead_a"],
                                 due_on=timezone.localdate() - timedelta(days=3))
    WarningRuleFactory(kind=Kind.KEY_MILESTONE_OVERDUE)
    services.evaluate_rules()
    services.evaluate_rules()
    [signal] = signals()
    assert signal.evidence["days_overdue"] == 3 and milestone.name in signal.title
    assert Notification.objects.filter(recipient=alliance["lead_a"], kind="crisis_signal").exists()


@pytest.mark.parametrize("fields", [
    {"is_key": False, "due_on_days_ago": 3},
    {"status": "done", "due_on_days_ago": 3},
    {"due_on_days_ago": 0},
])
def test_done_future_or_minor_milestones_stay_quiet(alliance, fields):
    days_ago = fields.pop("due_on_days_ago")
    MilestoneFactory(campaign=alliance["campaign_a"], due_on=timezone.localdate() - timedelta(days=days_ago),
                     **fields)
    WarningRuleFactory(kind=Kind.KEY_MILESTONE_OVERDUE)
    services.evaluate_rules()
    assert signals() == []


def test_finishing_the_milestone_clears_the_signal(alliance):
    milestone = MilestoneFactory(campaign=alliance["campaign_a"],
                                 due_on=timezone.localdate() - timedelta(days=3))
    WarningRuleFactory(kind=Kind.KEY_MILESTONE_OVERDUE)
    services.evaluate_rules()
    milestone.status, milestone.completed_at = "done", timezone.now()
    milestone.save()
    services.evaluate_rules()
    assert Signal.objects.open().count() == 0 and Signal.objects.count() == 1


# --- budget overspend ------------------------------------------------------------------------


def test_budget_overspend_fires_once(alliance):
    campaign = alliance["campaign_a"]
    campaign.budget = 1000
    campaign.save()
    record_daily_facts(campaign, 5, spend="250")  # 1250 of 1000
    WarningRuleFactory(kind=Kind.BUDGET_OVERSPEND, severity="critical")
    services.evaluate_rules()
    services.evaluate_rules()
    [signal] = signals()
    assert signal.evidence["used_pct"] == 125.0 and signal.severity == "critical"


def test_spend_within_budget_stays_quiet(alliance):
    campaign = alliance["campaign_a"]
    campaign.budget = 1000
    campaign.save()
    record_daily_facts(campaign, 3, spend="300")  # 900 of 1000
    WarningRuleFactory(kind=Kind.BUDGET_OVERSPEND)
    services.evaluate_rules()
    assert signals() == []


def test_inactive_rules_do_not_run(alliance):
    kpi_target(alliance["campaign_a"], "ctr")
    record_daily_facts(alliance["campaign_a"], 7, clicks=50)
    WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET, is_active=False)
    services.evaluate_rules()
    assert signals() == []


def test_two_rules_covering_the_same_miss_raise_one_signal_citing_both(alliance, client):
    campaign = alliance["campaign_a"]
    kpi_target(campaign, "ctr", target="1.2", at_risk="1.0")
    record_daily_facts(campaign, 7, impressions=10_000, clicks=50)
    everywhere = WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET, name="All campaigns")
    this_one = WarningRuleFactory(kind=Kind.KPI_BELOW_TARGET, name="Launch watch", scope="campaign",
                                  campaign=campaign)
    services.evaluate_rules()
    services.evaluate_rules()

    [signal] = signals()
    assert set(signal.rules.all()) == {everywhere, this_one}
    assert Notification.objects.filter(recipient=alliance["am_a"], kind="crisis_signal").count() == 1
    client.force_login(alliance["am_a"])
    page = client.get(signal.get_absolute_url()).content.decode()
    assert "All campaigns" in page and "Launch watch" in page

    this_one.is_active = False
    this_one.save()
    record_daily_facts(campaign, 7, impressions=10_000, clicks=200)  # fixed: CTR 2%
    services.evaluate_rules()
    signal.refresh_from_db()
    assert signal.resolved_at is not None
