from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionItem, Meeting
from campaigns import planning, services
from campaigns.models import Campaign, Milestone
from tests.campaigns.factories import MilestoneFactory
from tests.factories import CampaignFactory


def create_form(alliance, default_template, **overrides):
    today = timezone.localdate()
    data = {
        "name": "Glow Week", "advertiser": alliance["adv_a"].pk, "publishers": [alliance["publisher"].pk],
        "platforms": ["douyin", "weibo"], "objective": "awareness", "goals": "", "budget": "80000",
        "currency": "cny", "start_on": today.isoformat(),
        "launch_on": (today + timedelta(days=60)).isoformat(),
        "end_on": (today + timedelta(days=90)).isoformat(), "plan_template": default_template.pk,
        "kpi-TOTAL_FORMS": "3", "kpi-INITIAL_FORMS": "0",
        "kpi-0-kpi": "ctr", "kpi-0-direction": "gte", "kpi-0-target": "1.2", "kpi-0-at_risk_threshold": "1.0",
        "kpi-1-kpi": "cpa", "kpi-1-direction": "lte", "kpi-1-target": "35", "kpi-1-at_risk_threshold": "42",
        "kpi-2-kpi": "",
        "project_lead": alliance["lead_b"].pk,  # not the lead's to choose: ignored
    }
    data.update(overrides)
    return data


def test_a_project_lead_creates_a_campaign_from_a_template_and_sees_the_plan(client, alliance, default_template):
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("campaigns:campaign_create"), create_form(alliance, default_template))
    campaign = Campaign.objects.get(name="Glow Week")
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.project_lead == alliance["lead_a"] and campaign.currency == "CNY"
    assert sorted(campaign.kpi_targets.values_list("kpi", flat=True)) == ["cpa", "ctr"]
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Creative proposal" in page and "Buffer left" in page and 'data-chart="campaign-timeline"' in page
    assert "5 working days" in page  # the default template's buffers, all still left


def test_the_advertiser_must_be_one_the_user_can_see(client, alliance, default_template):
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("campaigns:campaign_create"),
                           create_form(alliance, default_template, advertiser=alliance["adv_b"].pk))
    assert response.status_code == 200 and "advertiser" in response.context["form"].errors
    assert not Campaign.objects.filter(name="Glow Week").exists()


def test_kpi_thresholds_must_sit_on_the_at_risk_side_of_the_target(client, alliance, default_template):
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("campaigns:campaign_create"), create_form(
        alliance, default_template, **{"kpi-0-at_risk_threshold": "1.5"}))
    assert response.status_code == 200 and not Campaign.objects.filter(name="Glow Week").exists()
    assert "at or below the target" in response.content.decode()


def test_moving_a_milestone_previews_the_launch_impact_before_saving(client, planned):
    client.force_login(planned["lead_a"])
    creative = planned["plan"]["creative_proposal"]
    late = planning.work_calendar().add_working_days(creative.due_on, 6)
    url = reverse("campaigns:milestone_move", args=[creative.pk])
    preview = client.get(url, {"due_on": late.isoformat()}, HTTP_HX_REQUEST="true")
    html = preview.content.decode()
    assert '<div id="preview"' in html and "<html" not in html
    assert "+1 working day late" in html
    assert Milestone.objects.get(pk=creative.pk).due_on == creative.due_on
    response = client.post(url, {"due_on": late.isoformat()})
    assert response.status_code == 302
    assert Milestone.objects.get(pk=creative.pk).due_on == late


def test_a_bad_date_is_a_form_error_not_a_crash(client, planned):
    client.force_login(planned["lead_a"])
    url = reverse("campaigns:launch_move", args=[planned["campaign_a"].pk])
    response = client.post(url, {"launch_on": "31/02/2030"})
    assert response.status_code == 200 and response.context["form"].errors


def test_recording_a_client_rejection_moves_the_plan_on_the_page(client, planned):
    client.force_login(planned["lead_a"])
    plan = planned["plan"]
    services.change_milestone_status(actor=planned["lead_a"], milestone=plan["creative_proposal"], status="done")
    services.record_review(actor=planned["lead_a"], milestone=plan["internal_review"], reviewer="Lina",
                           decision="approved")
    response = client.post(reverse("campaigns:milestone_review", args=[plan["client_review"].pk]),
                           {"reviewer": "Client CMO", "decision": "rejected", "comments": "Too cold."})
    assert response.status_code == 302
    page = client.get(planned["campaign_a"].get_absolute_url()).content.decode()
    assert "Too cold." in page and "Rejected" in page
    assert Milestone.objects.get(pk=plan["creative_proposal"].pk).status == "in_progress"


def test_sending_work_back_needs_a_reason(client, planned):
    client.force_login(planned["lead_a"])
    response = client.post(reverse("campaigns:milestone_review", args=[planned["plan"]["client_review"].pk]),
                           {"reviewer": "Client", "decision": "changes_requested", "comments": " "})
    assert response.status_code == 200 and response.context["form"].errors["comments"]


def test_the_board_highlights_overdue_and_at_risk_and_changes_status_inline(client, alliance, settings):
    settings.MILESTONE_WARNING_DAYS = 60
    today = timezone.localdate()
    calendar = planning.work_calendar()
    campaign = alliance["campaign_a"]
    campaign.launch_on = calendar.add_working_days(today, 20)
    campaign.save()
    late = MilestoneFactory(campaign=campaign, name="Late step", due_on=today - timedelta(days=2),
                            status="in_progress")
    risky = MilestoneFactory(campaign=campaign, name="Risky step",
                             due_on=calendar.add_working_days(campaign.launch_on, -1))
    launch = MilestoneFactory(campaign=campaign, name="Launch", due_on=campaign.launch_on)
    launch.predecessors.add(risky)
    calm = MilestoneFactory(campaign=campaign, name="Calm step", due_on=today + timedelta(days=5))
    client.force_login(alliance["lead_a"])
    html = client.get(reverse("campaigns:board")).content.decode()
    assert f'milestone-card overdue" id="card-{late.pk}"' in html
    assert f'milestone-card at-risk" id="card-{risky.pk}"' in html  # no slack before the launch
    assert f'milestone-card" id="card-{calm.pk}"' in html
    response = client.post(reverse("campaigns:milestone_status", args=[risky.pk]),
                           {"status": "in_progress", "from": "board"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and '<div id="board"' in response.content.decode()
    assert f'milestone-card" id="card-{risky.pk}"' in response.content.decode()
    assert Milestone.objects.get(pk=risky.pk).status == "in_progress"


def test_board_query_count_does_not_grow_with_milestones(client, alliance):
    client.force_login(alliance["lead_a"])
    MilestoneFactory(campaign=alliance["campaign_a"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("campaigns:board"))
    for _ in range(10):
        MilestoneFactory(campaign=CampaignFactory(project_lead=alliance["lead_a"]))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("campaigns:board"))
    assert len(many) == len(few)


def test_detail_query_count_does_not_grow_with_the_plan(client, planned):
    client.force_login(planned["lead_a"])
    url = planned["campaign_a"].get_absolute_url()
    with CaptureQueriesContext(connection) as seven:
        client.get(url)
    for index in range(8):
        MilestoneFactory(campaign=planned["campaign_a"], sequence=20 + index)
    with CaptureQueriesContext(connection) as fifteen:
        client.get(url)
    assert len(fifteen) == len(seven)


def test_the_calendar_feed_lists_my_milestones_meetings_and_action_items(client, planned):
    lead = planned["lead_a"]
    meeting = Meeting.objects.create(account=planned["adv_a"], held_at=timezone.now() + timedelta(days=3),
                                     agenda="Q4, review; plan", logged_by=lead)
    meeting.staff_attendees.add(lead)
    ActionItem.objects.create(account=planned["adv_a"], title="Send the brief", owner=lead,
                              due_on=timezone.localdate() + timedelta(days=2))
    feed = services.calendar_feed_of(lead)
    client.logout()
    response = client.get(reverse("campaigns:calendar_feed", args=[feed.token]))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Creative proposal" in body and "Send the brief" in body
    assert "Q4\\, review\\; plan" in body and "Client review" not in body  # am_a owns that one
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    services.regenerate_calendar_token(actor=lead)
    assert client.get(reverse("campaigns:calendar_feed", args=[feed.token])).status_code == 404


def test_home_shows_a_project_lead_their_overdue_and_upcoming_milestones(client, alliance):
    today = timezone.localdate()
    MilestoneFactory(campaign=alliance["campaign_a"], name="Overdue cut", due_on=today - timedelta(days=1))
    MilestoneFactory(campaign=alliance["campaign_a"], name="Next cut", due_on=today + timedelta(days=3))
    client.force_login(alliance["lead_a"])
    page = client.get(reverse("home")).content.decode()
    assert "My milestones" in page and "Overdue cut" in page and "Next cut" in page


def test_demo_plans_cover_every_state(db):
    from django.core.management import call_command

    call_command("seed_demo")
    assert Campaign.objects.filter(milestones__isnull=True).count() == 0
    statuses = set(Milestone.objects.values_list("status", flat=True))
    assert {"done", "in_progress", "not_started"} <= statuses
    today = timezone.localdate()
    assert Milestone.objects.exclude(status="done").filter(due_on__lt=today,
                                                           campaign__status="in_production").exists()
    assert Milestone.objects.filter(reviews__decision="rejected", reviews__stage="client").exists()
