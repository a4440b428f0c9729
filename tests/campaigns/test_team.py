"""A campaign's team: the lead adds colleagues with a role; they see the campaign and own steps."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from campaigns import plan_templates, services, team
from campaigns.models import Milestone, OwnerRole, PlanTemplate, PlanTemplateStep, TeamMember
from socialcrm import visibility
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def creative(alliance):
    return UserFactory(role="account_manager", username="mei", first_name="Mei")


def test_a_team_member_sees_the_campaign_while_on_the_team(alliance, creative):
    campaign = alliance["campaign_a"]
    assert not visibility.campaigns_visible_to(creative).filter(pk=campaign.pk).exists()
    member = team.add_member(actor=alliance["lead_a"], campaign=campaign, user=creative, role="creative")
    assert visibility.campaigns_visible_to(creative).filter(pk=campaign.pk).exists()
    assert not visibility.campaigns_visible_to(creative).filter(pk=alliance["campaign_b"].pk).exists()
    team.remove_member(actor=alliance["lead_a"], member=member)
    assert not visibility.campaigns_visible_to(creative).filter(pk=campaign.pk).exists()
    assert TeamMember.objects.filter(pk=member.pk, removed_at__isnull=False).exists()  # archived, kept
    assert set(AuditEntry.objects.filter(action__startswith="campaigns.team.")
               .values_list("action", flat=True)) == {"campaigns.team.added", "campaigns.team.removed"}


def test_an_analyst_on_the_team_of_a_confidential_campaign_sees_it(alliance):
    from tests.factories import CampaignFactory

    secret = CampaignFactory(advertiser=alliance["secret"], project_lead=alliance["lead_b"])
    analyst = alliance["analyst"]
    assert not visibility.campaigns_visible_to(analyst).filter(pk=secret.pk).exists()
    team.add_member(actor=alliance["lead_b"], campaign=secret, user=analyst, role="data_analyst")
    assert visibility.campaigns_visible_to(analyst).filter(pk=secret.pk).exists()
    assert analyst in visibility.possible_step_owners(secret)


def test_only_the_lead_and_admins_manage_the_team(alliance, creative):
    campaign = alliance["campaign_a"]
    for outsider in (alliance["am_a"], alliance["lead_b"], alliance["executive"]):
        with pytest.raises(PermissionDenied):
            team.add_member(actor=outsider, campaign=campaign, user=creative, role="creative")
    team.add_member(actor=alliance["admin"], campaign=campaign, user=creative, role="creative")
    with pytest.raises(ValidationError, match="on the team already"):
        team.add_member(actor=alliance["lead_a"], campaign=campaign, user=creative, role="copywriter")


def test_the_lead_adds_and_removes_a_member_on_the_campaign_page(client, alliance, creative):
    campaign = alliance["campaign_a"]
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("campaigns:team_add", args=[campaign.pk]),
                           {"user": creative.pk, "role": "copywriter"}, follow=True)
    assert "Mei" in response.content.decode()
    member = TeamMember.objects.get(campaign=campaign, user=creative)
    assert member.role == "copywriter"
    client.post(reverse("campaigns:team_remove", args=[member.pk]))
    assert not visibility.is_on_team(creative, campaign)
    client.force_login(alliance["am_a"])
    assert client.post(reverse("campaigns:team_add", args=[campaign.pk]),
                       {"user": creative.pk, "role": "creative"}).status_code == 403


def test_a_team_member_can_own_a_step_and_work_on_it(planned, creative):
    campaign = planned["campaign_a"]
    step = planned["plan"][Milestone.Kind.ASSET_PRODUCTION]
    assert creative not in visibility.possible_step_owners(campaign)
    team.add_member(actor=planned["lead_a"], campaign=campaign, user=creative, role="creative")
    assert creative in visibility.possible_step_owners(campaign)
    step.owner = creative
    step.save()
    services.change_milestone_status(actor=creative, milestone=step, status="in_progress")
    assert Milestone.objects.get(pk=step.pk).status == "in_progress"


def test_possible_step_owners_matches_visibility_in_a_bounded_number_of_queries(
        planned, creative, django_assert_max_num_queries):
    campaign = planned["campaign_a"]
    team.add_member(actor=planned["lead_a"], campaign=campaign, user=creative, role="creative")
    planned["adv_a"].shared_with.add(planned["am_b"])
    for index in range(15):  # more staff must not mean more queries
        UserFactory(role=("project_lead", "account_manager")[index % 2])
    with django_assert_max_num_queries(3):
        owners = set(visibility.possible_step_owners(campaign))
    expected = {user for user in type(creative).objects.filter(is_active=True)
                if visibility.campaigns_visible_to(user).filter(pk=campaign.pk).exists()
                and (not user.is_read_only or visibility.is_on_team(user, campaign))}
    assert owners == expected
    assert {planned["lead_a"], planned["am_a"], planned["am_b"], planned["admin"], creative} <= owners
    assert planned["lead_b"] not in owners


def test_template_steps_go_to_the_team_member_with_that_role(alliance, creative):
    campaign = alliance["campaign_a"]
    template = PlanTemplate.objects.create(name="Creative first")
    PlanTemplateStep.objects.create(template=template, sequence=1, name="Key visual", duration_days=3,
                                    owner_role=OwnerRole.CREATIVE)
    PlanTemplateStep.objects.create(template=template, sequence=2, name="Copy", duration_days=2,
                                    owner_role=OwnerRole.COPYWRITER)
    team.add_member(actor=alliance["lead_a"], campaign=campaign, user=creative, role="creative")
    services.generate_plan(actor=alliance["lead_a"], campaign=campaign, template=template)
    owners = dict(campaign.milestones.values_list("name", "owner__username"))
    assert owners == {"Key visual": "mei", "Copy": "lead_a"}  # nobody writes copy: the lead does
    saved = plan_templates.save_plan_as_template(actor=alliance["lead_a"], campaign=campaign, name="Again")
    assert dict(saved.steps.values_list("name", "owner_role")) == {
        "Key visual": "creative", "Copy": "project_lead"}
