"""Every campaigns view x every role, on campaign_a (led by lead_a, on am_a's advertiser).

ok: 200 or a redirect after doing the work; 403: may see it but not change it; 404: may not see it.
"""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from campaigns.models import Campaign, Milestone, Review

ROLES = ("admin", "lead_a", "lead_b", "am_a", "am_b", "executive", "analyst")
READ = {"admin": "ok", "lead_a": "ok", "lead_b": 404, "am_a": "ok", "am_b": 404, "executive": "ok", "analyst": "ok"}
EDIT = {"admin": "ok", "lead_a": "ok", "lead_b": 404, "am_a": 403, "am_b": 404, "executive": 403, "analyst": 403}
# am_a owns the client review (the account manager's step), so may record its decisions.
OWNER_WORK = {**EDIT, "am_a": "ok"}
CREATE = {"admin": "ok", "lead_a": "ok", "lead_b": "ok", "am_a": 403, "am_b": 403, "executive": 403, "analyst": 403}
BOARD = {"admin": "ok", "lead_a": "ok", "lead_b": "ok", "am_a": "ok", "am_b": "ok", "executive": 403, "analyst": 403}
EVERYONE = dict.fromkeys(ROLES, "ok")

CASES = [
    ("campaigns:campaign_list", None, "get", {}, EVERYONE),
    ("campaigns:campaign_create", None, "get", {}, CREATE),
    ("campaigns:campaign_create", None, "post", {"name": "x"}, CREATE),
    ("campaigns:campaign_detail", "campaign", "get", {}, READ),
    ("campaigns:campaign_edit", "campaign", "get", {}, EDIT),
    ("campaigns:campaign_edit", "campaign", "post", {"name": "Renamed"}, EDIT),
    ("campaigns:campaign_status", "campaign", "post", {"status": "paused"}, EDIT),
    ("campaigns:plan_generate", "campaign", "post", {}, EDIT),
    ("campaigns:launch_move", "campaign", "get", {}, EDIT),
    ("campaigns:launch_move", "campaign", "post", {"launch_on": "2031-01-06"}, EDIT),
    ("campaigns:milestone_move", "creative", "get", {"due_on": "2031-01-06"}, EDIT),
    ("campaigns:milestone_move", "creative", "post", {"due_on": "2031-01-06"}, EDIT),
    ("campaigns:milestone_status", "creative", "post", {"status": "in_progress"}, EDIT),
    ("campaigns:milestone_review", "client_review", "get", {}, READ),
    ("campaigns:milestone_review", "client_review", "post",
     {"reviewer": "Client", "decision": "rejected", "comments": "No."}, OWNER_WORK),
    ("campaigns:board", None, "get", {}, BOARD),
    ("campaigns:calendar", None, "get", {}, EVERYONE),
    ("campaigns:calendar", None, "post", {}, EVERYONE),
]


def url_for(name, target, planned):
    if target is None:
        return reverse(name)
    if target == "campaign":
        return reverse(name, args=[planned["campaign_a"].pk])
    return reverse(name, args=[planned["plan"][target.replace("creative", "creative_proposal")].pk])


def state(planned):
    campaign = Campaign.objects.get(pk=planned["campaign_a"].pk)
    return (campaign.name, campaign.status, campaign.launch_on,
            list(Milestone.objects.order_by("pk").values_list("status", "due_on")), Review.objects.count())


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name, target, method, data, expected", CASES,
                         ids=[f"{c[0].split(':')[1]}-{c[2]}" for c in CASES])
def test_authorization_matrix(client, planned, role, name, target, method, data, expected, htmx):
    expected = expected[role]
    client.force_login(planned[role])
    before, audit_before = state(planned), AuditEntry.objects.count()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = getattr(client, method)(url_for(name, target, planned), data, **headers)
    if expected == "ok":
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == expected
        assert state(planned) == before and AuditEntry.objects.count() == audit_before
        assert planned["campaign_a"].name.encode() not in response.content


def test_someone_elses_campaign_never_shows_in_lists_board_or_home(client, planned):
    client.force_login(planned["lead_b"])
    for url in (reverse("campaigns:campaign_list"), reverse("campaigns:board"), reverse("home")):
        assert planned["campaign_a"].name.encode() not in client.get(url).content


def test_the_calendar_feed_needs_its_token_not_a_session(client, planned):
    assert client.get(reverse("campaigns:calendar_feed", args=["not-a-token"])).status_code == 404
