"""Plan templates from the app: a lead saves a shaped plan as a template and plans from it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import plan_templates, services
from campaigns.models import Campaign, PlanTemplate
from tests.campaigns.test_plan_editing import saved_rows, with_parallel_assets
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_a_shaped_plan_becomes_a_template_with_its_dependencies(planned):
    from campaigns.plan_editing import edit_plan

    lead = planned["lead_a"]
    edit_plan(actor=lead, campaign=planned["campaign_a"], rows=with_parallel_assets(planned))
    template = plan_templates.save_plan_as_template(actor=lead, campaign=planned["campaign_a"],
                                                    name="Parallel assets")
    steps = {step.name: step for step in template.steps.all()}
    assert steps["Launch"].after == [steps["Final version"].sequence, steps["Asset production"].sequence]
    assert steps["Client review"].owner_role == "account_manager"
    campaign = CampaignFactory(project_lead=lead, advertiser=planned["adv_a"], status="planning",
                               launch_on=planned["campaign_a"].launch_on)
    services.generate_plan(actor=lead, campaign=campaign, template=template)
    assert [(row.name, row.after) for row in saved_rows(campaign)] == [
        (row.name, row.after) for row in saved_rows(planned["campaign_a"])]


def test_template_names_are_unique_and_the_default_stays(planned, default_template):
    lead = planned["lead_a"]
    with pytest.raises(ValidationError, match="exists already"):
        plan_templates.save_plan_as_template(actor=lead, campaign=planned["campaign_a"],
                                             name=default_template.name)
    with pytest.raises(ValidationError, match="default template"):
        plan_templates.archive_template(actor=planned["admin"], template=default_template)


def test_only_the_creator_or_an_admin_archives_a_template(planned):
    template = plan_templates.save_plan_as_template(actor=planned["lead_a"], campaign=planned["campaign_a"],
                                                    name="Mine")
    with pytest.raises(PermissionDenied):
        plan_templates.archive_template(actor=planned["lead_b"], template=template)
    plan_templates.archive_template(actor=planned["lead_a"], template=template)
    assert not PlanTemplate.objects.filter(archived_at__isnull=True, name="Mine").exists()


def test_the_pages_save_list_and_archive(client, planned):
    client.force_login(planned["lead_a"])
    campaign = planned["campaign_a"]
    assert "Save this plan as a template" in client.get(campaign.get_absolute_url()).content.decode()
    response = client.post(reverse("campaigns:template_save", args=[campaign.pk]), {"name": "Glow plan"})
    assert response.status_code == 302
    listing = client.get(reverse("campaigns:template_list")).content.decode()
    assert 'data-template="Glow plan"' in listing
    template = PlanTemplate.objects.get(name="Glow plan")
    client.post(reverse("campaigns:template_archive", args=[template.pk]))
    assert 'data-template="Glow plan"' not in client.get(reverse("campaigns:template_list")).content.decode()
    assert Campaign.objects.filter(pk=campaign.pk).exists()
