from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from campaigns import planning, services
from campaigns.models import Campaign, EndOfCampaignReview, KpiTarget, Milestone, Review
from notifications.models import Notification
from workdays.models import CalendarOverride


def campaign_fields(alliance, **overrides):
    today = timezone.localdate()
    return {
        "name": "Glow Week", "advertiser": alliance["adv_a"], "platforms": ["douyin"],
        "objective": Campaign.Objective.AWARENESS, "goals": "", "budget": Decimal("50000"),
        "currency": "CNY", "start_on": today, "launch_on": today + timedelta(days=60),
        "end_on": today + timedelta(days=90), **overrides,
    }


def test_a_campaign_from_a_template_gets_its_plan_with_owners_by_role(alliance, default_template):
    campaign = services.create_campaign(
        actor=alliance["lead_a"], fields=campaign_fields(alliance), publishers=[alliance["publisher"]],
        targets=[{"kpi": "ctr", "direction": "gte", "target": Decimal("1.2"), "at_risk_threshold": Decimal("1.0")}],
        template=default_template,
    )
    milestones = list(campaign.milestones.order_by("sequence"))
    assert [m.name for m in milestones][0] == "Creative proposal" and len(milestones) == 7
    assert milestones[-1].due_on == campaign.launch_on
    assert all(m.planned_due_on == m.due_on for m in milestones)
    owners = {m.kind: m.owner for m in milestones}
    assert owners["client_review"] == alliance["am_a"] and owners["creative_proposal"] == alliance["lead_a"]
    assert {m.kind: m.review_stage for m in milestones if m.is_review} == {
        "internal_review": "internal", "client_review": "client", "compliance_review": "compliance"}
    assert KpiTarget.objects.get(campaign=campaign).status_of(Decimal("1.1")) == "at_risk"
    assert AuditEntry.objects.filter(action="campaigns.plan.generated", target_id=str(campaign.pk)).exists()


def _monday_after_two_plain_weeks(start):
    """A Monday whose two weeks before have no public holiday or make-up day."""
    calendar = planning.work_calendar()
    day = start
    while day.weekday() != 0 or any(
        calendar.is_working_day(d) != (d.weekday() < 5)
        for d in (day - timedelta(days=n) for n in range(15))
    ):
        day += timedelta(days=1)
    return day


def test_plans_skip_the_days_off_in_the_calendar(alliance, default_template):
    launch = _monday_after_two_plain_weeks(timezone.localdate() + timedelta(days=60))
    CalendarOverride.objects.create(day=launch - timedelta(days=3), name="Friday off")  # the Friday before
    campaign = services.create_campaign(actor=alliance["lead_a"], template=default_template,
                                        fields=campaign_fields(alliance, launch_on=launch))
    asset = campaign.milestones.get(kind="asset_production")
    # 1 + 2 buffer working days before a Monday launch, without that Friday: Tue, Wed... -> Tuesday
    assert asset.due_on == launch - timedelta(days=6)


def test_a_project_lead_cannot_assign_the_lead_or_account_manager(alliance):
    campaign = services.create_campaign(
        actor=alliance["lead_a"],
        fields=campaign_fields(alliance, project_lead=alliance["lead_b"], account_manager=alliance["am_b"]),
    )
    assert campaign.project_lead == alliance["lead_a"] and campaign.account_manager == alliance["am_a"]


@pytest.mark.parametrize("role", ["account_manager", "executive", "analyst"])
def test_only_leads_and_admins_create_campaigns(alliance, make_user, role):
    with pytest.raises(PermissionDenied):
        services.create_campaign(actor=make_user(role), fields=campaign_fields(alliance))


def test_status_follows_the_allowed_transitions(alliance):
    campaign = alliance["campaign_a"]  # live
    services.change_campaign_status(actor=alliance["lead_a"], campaign=campaign, status="paused")
    with pytest.raises(ValidationError):
        services.change_campaign_status(actor=alliance["lead_a"], campaign=campaign, status="planning")
    EndOfCampaignReview.objects.create(campaign=campaign, outcome="met", results="r", lessons="l",
                                       written_by=alliance["lead_a"])
    services.change_campaign_status(actor=alliance["lead_a"], campaign=campaign, status="finished")
    with pytest.raises(ValidationError):
        services.change_campaign_status(actor=alliance["lead_a"], campaign=campaign, status="live")


def test_moving_a_milestone_moves_its_dependants_and_the_launch_beyond_the_buffers(planned):
    creative = planned["plan"]["creative_proposal"]
    calendar = planning.work_calendar()
    late = calendar.add_working_days(creative.due_on, 6)
    preview = planning.preview_milestone_move(creative, late)
    assert preview.impact.working_days == 1  # 6 working days late, 5 of buffer
    assert Milestone.objects.get(pk=creative.pk).due_on == creative.due_on  # a preview saves nothing
    services.move_milestone(actor=planned["lead_a"], milestone=creative, due_on=late)
    launch = Milestone.objects.get(campaign=planned["campaign_a"], kind="launch")
    assert launch.due_on == preview.rows[-1].due_on > launch.planned_due_on
    assert planning.plan_of(planned["campaign_a"], planned["campaign_a"].milestones.all()).impact.working_days == 1


def test_moving_the_launch_replans_the_open_steps(planned):
    campaign = planned["campaign_a"]
    new_launch = campaign.launch_on + timedelta(days=7)
    services.move_launch(actor=planned["lead_a"], campaign=campaign, launch_on=new_launch)
    campaign.refresh_from_db()
    assert campaign.launch_on == new_launch
    assert campaign.milestones.get(kind="launch").due_on == new_launch
    assert campaign.milestones.get(kind="creative_proposal").due_on > planned["plan"]["creative_proposal"].due_on


def test_a_client_rejection_sends_the_work_back_and_the_plan_slips(planned):
    plan = planned["plan"]
    for kind in ("creative_proposal",):
        services.change_milestone_status(actor=planned["lead_a"], milestone=plan[kind], status="done")
    services.record_review(actor=planned["lead_a"], milestone=plan["internal_review"],
                           reviewer="Lina", decision="approved")
    review = services.record_review(
        actor=planned["am_a"], milestone=plan["client_review"], reviewer="Client CMO",
        decision=Review.Decision.REJECTED, comments="Wrong colours.",
    )
    statuses = dict(planned["campaign_a"].milestones.values_list("kind", "status"))
    assert statuses["creative_proposal"] == "in_progress"
    assert statuses["internal_review"] == statuses["client_review"] == "not_started"
    creative = Milestone.objects.get(pk=plan["creative_proposal"].pk)
    assert creative.starts_on == planning.next_working_day()
    assert review.reworked_milestone == creative
    internal = Milestone.objects.get(pk=plan["internal_review"].pk)
    assert internal.starts_on > creative.due_on and internal.completed_at is None
    assert Notification.objects.filter(recipient=planned["lead_a"], kind="milestone_sent_back").count() == 1
    assert AuditEntry.objects.filter(action="campaigns.review.rejected").count() == 1


def test_review_decisions_only_on_open_review_steps(planned):
    with pytest.raises(ValidationError):
        services.record_review(actor=planned["lead_a"], milestone=planned["plan"]["asset_production"],
                               reviewer="x", decision="approved")
    compliance = planned["plan"]["compliance_review"]
    compliance.predecessors.clear()  # nothing before it, so it may be decided at once
    services.record_review(actor=planned["lead_a"], milestone=compliance, reviewer="Legal", decision="approved")
    with pytest.raises(ValidationError):
        services.record_review(actor=planned["lead_a"], milestone=Milestone.objects.get(kind="compliance_review"),
                               reviewer="Legal", decision="rejected")


def test_a_review_step_is_closed_by_an_approval_not_by_a_status_change(planned):
    with pytest.raises(ValidationError):
        services.change_milestone_status(actor=planned["lead_a"], milestone=planned["plan"]["client_review"],
                                         status="done")


def test_a_second_plan_is_refused(planned, default_template):
    with pytest.raises(ValidationError):
        services.generate_plan(actor=planned["lead_a"], campaign=planned["campaign_a"], template=default_template)


def test_regenerating_the_calendar_token_replaces_it(alliance):
    old = services.calendar_feed_of(alliance["lead_a"]).token
    assert services.regenerate_calendar_token(actor=alliance["lead_a"]).token != old
