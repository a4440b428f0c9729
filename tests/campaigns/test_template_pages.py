"""Plan templates made and edited in pages of the app, and the compliance term list."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AuditEntry
from campaigns import compliance, plan_templates, services
from campaigns.forms import CampaignForm
from campaigns.models import ComplianceTerm, PlanTemplate

pytestmark = pytest.mark.django_db


def _row(index, sequence, name, *, days=2, buffer=0, after="", owner="project_lead", stage="", kind="other"):
    prefix = f"step-{index}-"
    return {prefix + "sequence": sequence, prefix + "name": name, prefix + "kind": kind,
            prefix + "review_stage": stage, prefix + "owner_role": owner, prefix + "duration_days": days,
            prefix + "buffer_days": buffer, prefix + "after": after}


def _post(rows, name="Launch in parallel", description=""):
    data = {"name": name, "description": description, "step-TOTAL_FORMS": len(rows), "step-INITIAL_FORMS": 0,
            "step-MIN_NUM_FORMS": 0, "step-MAX_NUM_FORMS": 1000}
    for index, row in enumerate(rows):
        data.update(_row(index, **row))
    return data


PARALLEL = [
    {"sequence": 1, "name": "Brief", "days": 2},
    {"sequence": 2, "name": "Key visual", "days": 5, "owner": "creative"},
    {"sequence": 3, "name": "Copy", "days": 3, "owner": "copywriter", "after": "1"},
    {"sequence": 4, "name": "Internal review", "days": 1, "after": "2, 3", "stage": "internal",
     "kind": "internal_review"},
    {"sequence": 5, "name": "Media plan", "days": 4, "owner": "media_buyer", "after": "0"},
    {"sequence": 6, "name": "Launch", "days": 1, "after": "4, 5", "kind": "launch"},
]


def test_a_lead_creates_a_template_from_scratch_and_plans_a_campaign_with_it(client, alliance):
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("campaigns:template_create"), _post(PARALLEL))
    assert response.status_code == 302, response.content.decode()[:2000]
    template = PlanTemplate.objects.get(name="Launch in parallel")
    steps = {step.name: step for step in template.steps.all()}
    assert steps["Key visual"].after is None  # empty: after the step before it
    assert steps["Media plan"].after == []  # 0: waits for nothing
    assert steps["Internal review"].after == [2, 3] and steps["Internal review"].review_stage == "internal"
    assert steps["Copy"].owner_role == "copywriter"
    assert template.created_by == alliance["lead_a"]
    assert AuditEntry.objects.filter(action="campaigns.template.created").exists()
    form = CampaignForm(user=alliance["lead_a"])
    assert template in form.fields["plan_template"].queryset
    services.generate_plan(actor=alliance["lead_a"], campaign=alliance["campaign_a"], template=template)
    milestones = {m.name: m for m in alliance["campaign_a"].milestones.all()}
    assert set(milestones["Launch"].predecessors.values_list("name", flat=True)) == {"Internal review", "Media plan"}
    assert milestones["Launch"].due_on == alliance["campaign_a"].launch_on


def test_editing_a_template_changes_steps_durations_buffers_and_dependencies(client, alliance):
    template = plan_templates.save_template(actor=alliance["lead_a"], name="Mine", steps=[
        {"sequence": 1, "name": "Brief", "kind": "other", "review_stage": "", "owner_role": "project_lead",
         "duration_days": 2, "buffer_days": 0, "is_key": False, "after": None}])
    client.force_login(alliance["lead_a"])
    page = client.get(reverse("campaigns:template_edit", args=[template.pk])).content.decode()
    assert 'value="Brief"' in page
    rows = [{"sequence": 1, "name": "Brief v2", "days": 3, "buffer": 1},
            {"sequence": 2, "name": "Shoot", "days": 4, "after": "1", "owner": "creative"}]
    client.post(reverse("campaigns:template_edit", args=[template.pk]), _post(rows, name="Mine, edited"))
    template.refresh_from_db()
    assert template.name == "Mine, edited"
    assert [(s.name, s.duration_days, s.buffer_days, s.after, s.owner_role) for s in template.steps.all()] == [
        ("Brief v2", 3, 1, None, "project_lead"), ("Shoot", 4, 0, [1], "creative")]
    entry = AuditEntry.objects.get(action="campaigns.template.edited")
    assert entry.changes["before"]["steps"][0]["name"] == "Brief"


def test_a_template_that_cannot_be_planned_is_refused_with_reasons(client, alliance):
    client.force_login(alliance["lead_a"])
    loop = [{"sequence": 1, "name": "A", "after": "2"}, {"sequence": 2, "name": "B", "after": "1"}]
    response = client.post(reverse("campaigns:template_create"), _post(loop))
    assert "go round in a circle" in response.content.decode()
    missing = [{"sequence": 1, "name": "A", "after": "7"}]
    assert "which is not in the plan" in client.post(reverse("campaigns:template_create"),
                                                    _post(missing)).content.decode()
    assert "at least one step" in client.post(reverse("campaigns:template_create"), _post([])).content.decode()
    assert not PlanTemplate.objects.filter(name="Launch in parallel").exists()


def test_someone_elses_template_cannot_be_edited(client, alliance):
    template = PlanTemplate.objects.create(name="Lead B's", created_by=alliance["lead_b"])
    with pytest.raises(PermissionDenied):
        plan_templates.save_template(actor=alliance["lead_a"], template=template, name="Taken", steps=[])
    client.force_login(alliance["lead_a"])
    assert client.get(reverse("campaigns:template_edit", args=[template.pk])).status_code == 404
    client.force_login(alliance["am_a"])
    assert client.get(reverse("campaigns:template_create")).status_code == 403


def test_admins_edit_the_compliance_term_list_and_the_check_follows(client, alliance):
    client.force_login(alliance["admin"])
    client.post(reverse("campaigns:compliance_terms"), {
        "term": "秒杀", "category": "other", "reason_en": "Misleading urgency.", "reason_zh": "误导性用语。",
        "is_active": "on"})
    term = ComplianceTerm.objects.get(term="秒杀")
    assert [flag.term for flag in compliance.check_copy("限时秒杀")] == ["秒杀"]
    client.post(reverse("campaigns:compliance_term_edit", args=[term.pk]), {
        "term": "秒杀", "category": "other", "reason_en": "Misleading urgency.", "reason_zh": "误导性用语。"})
    assert compliance.check_copy("限时秒杀") == []
    assert ComplianceTerm.objects.filter(term="秒杀", is_active=False).exists()  # kept, unchecked
    assert set(AuditEntry.objects.filter(action__startswith="campaigns.compliance_term")
               .values_list("action", flat=True)) == {"campaigns.compliance_term.added",
                                                     "campaigns.compliance_term.changed"}
    page = client.get(reverse("campaigns:compliance_terms")).content.decode()
    assert "误导性用语。" in page and "Misleading urgency." in page


def test_only_admins_edit_the_compliance_terms(client, alliance):
    term = ComplianceTerm.objects.create(term="zz-test", reason_en="x", reason_zh="x")
    term.reason_en = "changed"
    with pytest.raises(PermissionDenied):
        compliance.save_term(actor=alliance["lead_a"], term=term)
    for role in ("lead_a", "am_a", "executive", "analyst"):
        client.force_login(alliance[role])
        assert client.get(reverse("campaigns:compliance_terms")).status_code == 403
    client.force_login(alliance["admin"])
    response = client.post(reverse("campaigns:compliance_terms"), {"term": "zz-other", "category": "other"})
    assert response.status_code == 200 and not ComplianceTerm.objects.filter(term="zz-other").exists()
