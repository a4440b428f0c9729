"""The team member case of the matrix: someone put on a campaign's team sees that campaign (even a
confidential advertiser's) and what hangs off it, and nothing else of the account; off the team,
nothing at all."""

import pytest
from django.urls import reverse

from campaigns import team

pytestmark = pytest.mark.django_db

CAMPAIGN_PAGES = (("campaigns:campaign_detail", "campaign"), ("campaigns:milestone_detail", "milestone"),
                  ("campaigns:milestone_review", "review"), ("campaigns:comment_file", "comment"))
ACCOUNT_PAGES = (("accounts:account_detail", "account"), ("accounts:contact_edit", "contact"),
                 ("feedback:feedback_detail", "feedback"), ("crisis:incident_detail", "incident"))


def _status(client, name, obj):
    return client.get(reverse(name, args=[obj.pk])).status_code


@pytest.mark.parametrize("role", ["account_manager", "project_lead", "analyst"])
def test_a_team_member_sees_the_confidential_campaign_but_not_its_account(client, world, role):
    other = world["other"]
    member = {"account_manager": world["am_a"], "project_lead": world["lead_a"],
              "analyst": world["analyst"]}[role]
    client.force_login(member)
    assert {_status(client, name, other[kind]) for name, kind in CAMPAIGN_PAGES} == {404}
    membership = team.add_member(actor=world["admin"], campaign=other["campaign"], user=member,
                                 role="data_analyst")
    assert [_status(client, name, other[kind]) for name, kind in CAMPAIGN_PAGES] == [200] * 4
    assert {_status(client, name, other[kind]) for name, kind in ACCOUNT_PAGES} <= {403, 404}
    lists = client.get(reverse("campaigns:campaign_list")).content.decode()
    assert other["campaign"].name in lists
    team.remove_member(actor=world["admin"], member=membership)
    assert {_status(client, name, other[kind]) for name, kind in CAMPAIGN_PAGES} == {404}


def test_a_team_member_who_may_not_write_cannot_change_the_campaign(client, world):
    other = world["other"]
    team.add_member(actor=world["admin"], campaign=other["campaign"], user=world["am_a"], role="creative")
    client.force_login(world["am_a"])
    for name in ("campaigns:campaign_edit", "campaigns:plan_edit", "campaigns:end_review"):
        assert client.get(reverse(name, args=[other["campaign"].pk])).status_code == 403, name
    assert client.post(reverse("campaigns:team_add", args=[other["campaign"].pk]),
                       {"user": world["am_b"].pk, "role": "creative"}).status_code == 403
    assert client.post(reverse("campaigns:milestone_status", args=[other["milestone"].pk]),
                       {"status": "done"}).status_code == 403  # not their step
