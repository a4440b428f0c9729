"""Every read endpoint x every role x someone else's object: the API sees what the UI sees."""

import pytest

from campaigns.models import KpiTarget

pytestmark = pytest.mark.django_db

ROLES = ["admin", "executive", "analyst", "am_a", "am_b", "lead_a", "lead_b"]
# Which of the alliance's two campaigns each role may see (the same as campaigns_visible_to).
SEES_CAMPAIGN_A = {"admin", "executive", "analyst", "am_a", "lead_a"}
SEES_CAMPAIGN_B = {"admin", "executive", "analyst", "am_b", "lead_b"}


@pytest.mark.parametrize("role", ROLES)
def test_campaign_list_holds_exactly_the_visible_campaigns(api, alliance, role):
    body = api(alliance[role]).get("api:campaign_list").json()
    ids = {row["id"] for row in body["results"]}
    expected = {alliance[name].pk for name, seers in (("campaign_a", SEES_CAMPAIGN_A), ("campaign_b", SEES_CAMPAIGN_B))
                if role in seers}
    assert ids == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["api:campaign_detail", "api:campaign_kpis"])
@pytest.mark.parametrize("campaign", ["campaign_a", "campaign_b"])
def test_campaign_endpoints_are_404_for_someone_elses_campaign(api, alliance, role, endpoint, campaign):
    seers = SEES_CAMPAIGN_A if campaign == "campaign_a" else SEES_CAMPAIGN_B
    response = api(alliance[role]).get(endpoint, alliance[campaign].pk)
    if role in seers:
        assert response.status_code == 200
        assert response.json().get("id", response.json().get("campaign")) == alliance[campaign].pk
    else:
        assert response.status_code == 404
        assert alliance[campaign].name not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("dimension", "key"), [("advertiser", "adv_a"), ("advertiser", "adv_b"),
                                                ("campaign", "campaign_a"), ("campaign", "campaign_b")])
def test_rollups_of_someone_elses_key_are_404(api, alliance, role, dimension, key):
    response = api(alliance[role]).get("api:rollups", dimension=dimension, key=alliance[key].pk)
    owner_side = "a" if key.endswith("_a") else "b"
    seers = SEES_CAMPAIGN_A if owner_side == "a" else SEES_CAMPAIGN_B
    assert response.status_code == (200 if role in seers else 404)


@pytest.mark.parametrize("role", ["am_a", "admin"])
def test_confidential_advertiser_rollups_are_hidden_from_those_who_may_not_see_it(api, alliance, role):
    response = api(alliance[role]).get("api:rollups", dimension="advertiser", key=alliance["secret"].pk)
    assert response.status_code == (200 if role == "admin" else 404)


def test_analyst_does_not_see_the_confidential_advertiser(api, alliance):
    response = api(alliance["analyst"]).get("api:rollups", dimension="advertiser", key=alliance["secret"].pk)
    assert response.status_code == 404


def test_campaign_detail_carries_kpi_targets_and_kpis_their_status(api, alliance):
    campaign = alliance["campaign_a"]
    KpiTarget.objects.create(campaign=campaign, kpi="ctr", direction="gte", target="2.0", at_risk_threshold="1.5")
    caller = api(alliance["am_a"])
    detail = caller.get("api:campaign_detail", campaign.pk).json()
    assert detail["kpi_targets"] == [{"kpi": "ctr", "direction": "gte", "target": "2.0000",
                                      "at_risk_threshold": "1.5000"}]
    assert detail["publishers"] == [{"id": alliance["publisher"].pk, "name": "KOL One"}]
    kpis = caller.get("api:campaign_kpis", campaign.pk).json()["kpis"]
    assert kpis["ctr"]["value"] is None and kpis["ctr"]["status"] is None  # no data yet
    assert "target" not in kpis["cpc"]


@pytest.mark.parametrize("params", [{"grain": "year"}, {"dimension": "colour"}, {"start": "yesterday"},
                                    {"start": "2026-02-01", "end": "2026-01-01"},
                                    {"start": "2020-01-01", "end": "2026-01-01"},
                                    {"dimension": "platform", "key": "myspace"}])
def test_bad_rollup_parameters_are_400(api, alliance, params):
    response = api(alliance["admin"]).get("api:rollups", **params)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_a_page_past_the_last_is_404_json(api, alliance):
    response = api(alliance["admin"]).get("api:campaign_list", page="99")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("page", ["0", "x", "³"])
def test_a_page_that_is_no_page_number_is_400_json(api, alliance, page):
    response = api(alliance["admin"]).get("api:campaign_list", page=page)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["page"]
