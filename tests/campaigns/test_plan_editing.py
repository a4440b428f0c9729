"""Leads shape their plans in the app: steps, owners, durations, buffers, parallel dependencies."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from campaigns import planning
from campaigns.models import Milestone
from campaigns.plan_editing import StepRow, edit_plan, preview, rows_of
from socialcrm import visibility


def saved_rows(campaign):
    return rows_of(list(campaign.milestones.prefetch_related("predecessors").order_by("sequence")))


def by_name(rows):
    return {row.name: row for row in rows}


def with_parallel_assets(planned):
    """The default chain, with asset production started right after the internal review."""
    rows = saved_rows(planned["campaign_a"])
    named = by_name(rows)
    named["Asset production"].after = (named["Internal review"].number,)
    named["Launch"].after = (named["Final version"].number, named["Asset production"].number)
    return rows


def test_a_lead_runs_asset_production_alongside_the_client_round(planned):
    campaign = planned["campaign_a"]
    edit_plan(actor=planned["lead_a"], campaign=campaign, rows=with_parallel_assets(planned))
    plan = {m.name: m for m in campaign.milestones.prefetch_related("predecessors")}
    assets, launch = plan["Asset production"], plan["Launch"]
    assert set(launch.predecessors.all()) == {plan["Final version"], assets}
    assert set(assets.predecessors.all()) == {plan["Internal review"]}
    calendar = planning.work_calendar()
    # backwards from the launch: assets end 1 + 2 buffer working days before it, in parallel
    assert assets.due_on == calendar.add_working_days(launch.starts_on, -3)
    assert assets.starts_on < plan["Compliance review"].due_on
    assert launch.due_on == campaign.launch_on
    assert AuditEntry.objects.filter(action="campaigns.plan.edited", target_id=str(campaign.pk)).exists()


def test_the_preview_shows_the_critical_path_and_saves_nothing(planned):
    campaign = planned["campaign_a"]
    before = list(campaign.milestones.values_list("pk", "starts_on", "due_on"))
    rows = with_parallel_assets(planned)
    by_name(rows)["Asset production"].buffer_days = 4  # more slack than the client round's 2
    plan = preview(rows, campaign=campaign, actor=planned["lead_a"])
    critical = {row.milestone.name for row in plan.rows if row.forecast.critical}
    assert {"Client review", "Compliance review", "Final version", "Launch"} <= critical
    assert "Asset production" not in critical
    assert list(campaign.milestones.values_list("pk", "starts_on", "due_on")) == before


def test_steps_are_added_renamed_reordered_and_removed(planned):
    campaign = planned["campaign_a"]
    rows = saved_rows(campaign)
    named = by_name(rows)
    named["Final version"].delete = True
    named["Launch"].after = (named["Asset production"].number,)
    named["Asset production"].after = (named["Compliance review"].number,)
    named["Creative proposal"].name = "Big idea"
    named["Creative proposal"].number, named["Internal review"].number = 20, 21
    named["Internal review"].after = (20,)
    named["Client review"].after = (21,)
    rows.append(StepRow(number=30, name="Seeding with KOLs", kind="other", review_stage="",
                        owner=planned["am_a"], duration_days=4, buffer_days=1,
                        after=(named["Compliance review"].number,)))
    named["Launch"].after = (named["Asset production"].number, 30)
    edit_plan(actor=planned["lead_a"], campaign=campaign, rows=rows)
    names = list(campaign.milestones.order_by("sequence").values_list("name", flat=True))
    assert names == ["Client review", "Compliance review", "Asset production", "Launch", "Big idea",
                     "Internal review", "Seeding with KOLs"]
    seeding = campaign.milestones.get(name="Seeding with KOLs")
    assert seeding.owner == planned["am_a"] and seeding.duration_days == 4
    assert seeding.planned_due_on == seeding.due_on


@pytest.mark.parametrize("change, message", [
    (lambda named: setattr(named["Creative proposal"], "after", (named["Launch"].number,)), "circle"),
    (lambda named: setattr(named["Launch"], "after", (99,)), "step 99, which is not in the plan"),
    (lambda named: setattr(named["Launch"], "number", named["Final version"].number), "Two steps"),
    (lambda named: setattr(named["Launch"], "after", (named["Launch"].number,)), "after itself"),
])
def test_a_plan_that_cannot_be_scheduled_is_refused_with_a_reason(planned, change, message):
    rows = saved_rows(planned["campaign_a"])
    change(by_name(rows))
    with pytest.raises(ValidationError) as refused:
        edit_plan(actor=planned["lead_a"], campaign=planned["campaign_a"], rows=rows)
    assert message in " ".join(refused.value.messages)


def test_a_step_with_recorded_reviews_cannot_be_removed(planned):
    from campaigns import services

    compliance = planned["plan"]["compliance_review"]
    compliance.predecessors.clear()
    services.record_review(actor=planned["lead_a"], milestone=compliance, reviewer="Legal",
                           decision="changes_requested", comments="Fix claims")
    rows = saved_rows(planned["campaign_a"])
    by_name(rows)["Compliance review"].delete = True
    with pytest.raises(ValidationError, match="recorded review decisions"):
        edit_plan(actor=planned["lead_a"], campaign=planned["campaign_a"], rows=rows)


def test_the_account_manager_changes_the_client_facing_steps_only(planned):
    campaign, am = planned["campaign_a"], planned["am_a"]
    rows = saved_rows(campaign)
    by_name(rows)["Client review"].duration_days = 5
    edit_plan(actor=am, campaign=campaign, rows=rows)
    assert campaign.milestones.get(name="Client review").duration_days == 5
    rows = saved_rows(campaign)
    by_name(rows)["Creative proposal"].duration_days = 9
    with pytest.raises(ValidationError, match="client-facing steps only"):
        edit_plan(actor=am, campaign=campaign, rows=rows)
    rows = saved_rows(campaign)
    by_name(rows)["Launch"].delete = True
    with pytest.raises(ValidationError, match="project lead changes which steps"):
        edit_plan(actor=am, campaign=campaign, rows=rows)


@pytest.mark.parametrize("who", ["lead_b", "am_b", "executive", "analyst"])
def test_nobody_else_edits_the_plan(planned, who):
    with pytest.raises(PermissionDenied):
        edit_plan(actor=planned[who], campaign=planned["campaign_a"], rows=saved_rows(planned["campaign_a"]))


# --- the page --------------------------------------------------------------------------------


def editor_post(rows, action):
    saved = sum(1 for row in rows if row.milestone)
    data = {"step-TOTAL_FORMS": str(len(rows)), "step-INITIAL_FORMS": str(saved), "action": action}
    for index, row in enumerate(rows):
        data.update({
            f"step-{index}-milestone": row.milestone.pk if row.milestone else "",
            f"step-{index}-number": row.number, f"step-{index}-name": row.name,
            f"step-{index}-kind": row.kind, f"step-{index}-review_stage": row.review_stage,
            f"step-{index}-owner": row.owner.pk, f"step-{index}-duration_days": row.duration_days,
            f"step-{index}-buffer_days": row.buffer_days,
            f"step-{index}-after": ", ".join(str(n) for n in row.after),
        })
        if row.delete:
            data[f"step-{index}-DELETE"] = "on"
    return data


def test_the_editor_previews_then_saves(client, planned):
    campaign = planned["campaign_a"]
    client.force_login(planned["lead_a"])
    url = reverse("campaigns:plan_edit", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert 'name="step-0-name"' in page and "Creative proposal" in page
    rows = with_parallel_assets(planned)
    shown = client.post(url, editor_post(rows, "preview")).content.decode()
    assert 'id="preview"' in shown and 'value="save"' in shown and "critical" in shown
    assert not Milestone.objects.get(name="Launch", campaign=campaign).predecessors.filter(
        name="Final version").exists()  # the preview saved nothing
    response = client.post(url, editor_post(rows, "save"))
    assert response.status_code == 302
    launch = Milestone.objects.get(name="Launch", campaign=campaign)
    assert {m.name for m in launch.predecessors.all()} == {"Final version", "Asset production"}
    detail = client.get(campaign.get_absolute_url()).content.decode()
    assert "data-after" in detail


def test_the_editor_explains_a_refusal(client, planned):
    campaign = planned["campaign_a"]
    client.force_login(planned["lead_a"])
    rows = saved_rows(campaign)
    by_name(rows)["Creative proposal"].after = (by_name(rows)["Launch"].number,)
    page = client.post(reverse("campaigns:plan_edit", args=[campaign.pk]), editor_post(rows, "save"))
    assert page.status_code == 200 and "go round in a circle" in page.content.decode()


def test_a_bad_dependency_list_is_a_form_error(client, planned):
    campaign = planned["campaign_a"]
    client.force_login(planned["lead_a"])
    data = editor_post(saved_rows(campaign), "preview")
    data["step-1-after"] = "first"
    page = client.post(reverse("campaigns:plan_edit", args=[campaign.pk]), data)
    assert page.status_code == 200 and "separated by commas" in page.content.decode()


@pytest.mark.parametrize("who, status", [("lead_b", 404), ("executive", 403), ("am_a", 200)])
def test_who_opens_the_editor(client, planned, who, status):
    client.force_login(planned[who])
    assert client.get(reverse("campaigns:plan_edit", args=[planned["campaign_a"].pk])).status_code == status


def test_plan_editing_uses_the_campaign_edit_predicate(planned):
    assert visibility.can_edit_plan(planned["admin"], planned["campaign_a"])
    assert not visibility.can_edit_plan(planned["am_a"], planned["campaign_a"])


# --- dates that make sense ---------------------------------------------------------------------


@pytest.mark.parametrize("days, message", [(-3, "is in the past"), (365 * 5, "more than two years away")])
def test_a_milestone_date_in_the_past_or_years_away_is_refused(client, planned, days, message):
    from django.utils import timezone

    client.force_login(planned["lead_a"])
    creative = planned["plan"]["creative_proposal"]
    day = (timezone.localdate() + timedelta(days=days)).isoformat()
    for url, name in ((reverse("campaigns:milestone_move", args=[creative.pk]), "due_on"),
                      (reverse("campaigns:launch_move", args=[planned["campaign_a"].pk]), "launch_on")):
        response = client.post(url, {name: day})
        assert response.status_code == 200 and message in response.content.decode()
    assert Milestone.objects.get(pk=creative.pk).due_on == creative.due_on


def test_a_move_that_pulls_the_plan_before_today_needs_a_confirmation(client, planned):
    from django.utils import timezone

    client.force_login(planned["lead_a"])
    calendar = planning.work_calendar()
    campaign = planned["campaign_a"]
    soon = calendar.add_working_days(calendar.on_or_after(timezone.localdate()), 3)
    url = reverse("campaigns:launch_move", args=[campaign.pk])
    shown = client.post(url, {"launch_on": soon.isoformat()}).content.decode()
    assert "data-confirm-late-start" in shown and "Confirm that the plan may ask" in shown
    campaign.refresh_from_db()
    assert campaign.launch_on != soon
    assert client.post(url, {"launch_on": soon.isoformat(), "confirm_late_start": "on"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.launch_on == soon
