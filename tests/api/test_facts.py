from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from campaigns.models import DailyPerformance
from reports.models import Rollup

pytestmark = pytest.mark.django_db


def facts(alliance, days=3, **extra):
    today = timezone.localdate()
    return [{"day": (today - timedelta(days=offset)).isoformat(), "campaign": alliance["campaign_a"].pk,
             "publisher": alliance["publisher"].pk, "platform": "douyin", "impressions": 1000 + offset,
             "clicks": 50, "spend": "120.50", "revenue": 300, **extra} for offset in range(1, days + 1)]


def stored():
    return sorted(DailyPerformance.objects.values_list("campaign_id", "publisher_id", "platform", "day",
                                                       "impressions", "clicks", "spend", "revenue"))


def test_pushing_facts_twice_gives_the_same_rows(api, alliance, django_capture_on_commit_callbacks):
    caller = api(alliance["lead_a"])
    with django_capture_on_commit_callbacks(execute=True):
        first = caller.post("api:push_facts", facts(alliance))
    assert first.status_code == 200
    assert first.json() == {"inserted": 3, "updated": 0, "unchanged": 0}
    rows = stored()
    assert len(rows) == 3
    with django_capture_on_commit_callbacks(execute=True):
        second = caller.post("api:push_facts", facts(alliance))
    assert second.json() == {"inserted": 0, "updated": 0, "unchanged": 3}
    assert stored() == rows


def test_pushed_facts_refresh_rollups_and_show_in_kpis(api, alliance, django_capture_on_commit_callbacks):
    caller = api(alliance["lead_a"])
    with django_capture_on_commit_callbacks(execute=True):
        caller.post("api:push_facts", facts(alliance))
    campaign_rollups = Rollup.objects.filter(grain="campaign", period="day", campaign_id=alliance["campaign_a"].pk)
    assert campaign_rollups.count() == 3
    today = timezone.localdate()
    body = caller.get("api:campaign_kpis", alliance["campaign_a"].pk,
                      start=(today - timedelta(days=3)).isoformat(), end=today.isoformat()).json()
    assert body["counters"]["impressions"] == 1001 + 1002 + 1003
    assert body["counters"]["spend"] == "361.50"
    assert body["kpis"]["ctr"]["value"] == pytest.approx(150 / 3006 * 100)


def test_a_changed_value_updates_only_that_row(api, alliance, django_capture_on_commit_callbacks):
    caller = api(alliance["lead_a"])
    rows = facts(alliance)
    caller.post("api:push_facts", rows)
    rows[0]["clicks"] = 77
    assert caller.post("api:push_facts", rows).json() == {"inserted": 0, "updated": 1, "unchanged": 2}


def test_counters_left_out_everywhere_are_kept(api, alliance):
    caller = api(alliance["lead_a"])
    caller.post("api:push_facts", facts(alliance, days=1))
    only_clicks = [{key: value for key, value in row.items() if key not in ("revenue", "spend", "impressions")}
                   for row in facts(alliance, days=1, clicks=99)]
    assert caller.post("api:push_facts", only_clicks).status_code == 200
    fact = DailyPerformance.objects.get()
    assert (fact.clicks, fact.revenue, fact.impressions) == (99, 300, 1001)


def test_bad_rows_are_reported_with_index_and_nothing_is_written(api, alliance):
    rows = facts(alliance, days=4)
    rows[1]["day"] = "31/31/2026"
    rows[2]["campaign"] = alliance["campaign_b"].pk  # someone else's campaign
    rows[3]["clicks"] = -5
    rows[3]["colour"] = "blue"
    response = api(alliance["lead_a"]).post("api:push_facts", rows)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_rows"
    reported = {(row["index"], row["field"]) for row in error["rows"]}
    assert reported == {(1, "day"), (2, "campaign"), (3, "clicks"), (3, "colour")}
    assert all(row["reason"] for row in error["rows"])
    assert DailyPerformance.objects.count() == 0


def test_the_same_key_twice_in_one_push_is_refused(api, alliance):
    rows = facts(alliance, days=1) * 2
    response = api(alliance["lead_a"]).post("api:push_facts", rows)
    assert response.status_code == 400
    assert [row["index"] for row in response.json()["error"]["rows"]] == [1]
    assert DailyPerformance.objects.count() == 0


def test_a_counter_missing_from_some_rows_is_refused(api, alliance):
    rows = facts(alliance, days=2)
    del rows[1]["revenue"]
    response = api(alliance["lead_a"]).post("api:push_facts", rows)
    assert response.status_code == 400
    assert response.json()["error"]["rows"][0] == {
        "index": 1, "field": "revenue", "reason": "Other rows carry this counter; give it in every row."}


@pytest.mark.parametrize("body", ["not json", "{}", "[]", "[1, 2]", '{"day": "2026-01-01"}'])
def test_malformed_bodies_are_400_not_500(api, alliance, client, body):
    caller = api(alliance["admin"])
    response = client.post("/api/v1/facts/", body, content_type="application/json",
                           headers={"Authorization": f"Bearer {caller.secret}"})
    assert response.status_code == 400
    assert DailyPerformance.objects.count() == 0


@pytest.mark.parametrize("role", ["executive", "analyst", "am_a"])
def test_roles_that_do_not_import_get_403(api, alliance, role):
    user = alliance[role]
    response = api(user).post("api:push_facts", facts(alliance))
    assert response.status_code == 403
    assert DailyPerformance.objects.count() == 0


def test_a_push_is_audited(api, alliance):
    caller = api(alliance["lead_a"])
    caller.post("api:push_facts", facts(alliance))
    entry = AuditEntry.objects.get(action="api.facts_pushed")
    assert entry.actor == alliance["lead_a"]
    assert entry.target_id == str(caller.token.pk)
    assert entry.changes["inserted"] == 3
    assert entry.changes["campaigns"] == [alliance["campaign_a"].pk]


def test_objects_and_lists_in_cells_are_refused_as_rows_not_a_server_error(api, alliance):
    rows = facts(alliance, days=2)
    rows[0]["platform"] = {"name": "douyin"}
    rows[1]["campaign"] = [alliance["campaign_a"].pk]
    response = api(alliance["lead_a"]).post("api:push_facts", rows)
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_rows"
    assert {row["index"] for row in response.json()["error"]["rows"]} == {0, 1}
    assert DailyPerformance.objects.count() == 0
