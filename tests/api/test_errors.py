"""Every answer under /api/ that is not a success is JSON: {"error": {"code", "message"}}, never HTML.

And odd input (superscript digits, ids past 64 bits, empty or extreme dates, out-of-range page sizes)
is refused with a clear 4xx, never a 500.
"""

import json

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import include, path

from api import endpoints
from campaigns.models import DailyPerformance
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past a 64-bit id


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error


def bearer(caller):
    return {"Authorization": f"Bearer {caller.secret}"}


@pytest.mark.parametrize("path", [
    "/api/v1/campaigns/abc/", "/api/v1/campaigns/³/", "/api/v1/campaigns/1/nothing/", "/api/v1/nothing/",
    "/api/v1/", "/api/", "/api/v2/campaigns/",
])
def test_unknown_and_non_numeric_paths_are_404_json(client, api, alliance, path):
    caller = api(alliance["admin"])
    assert error_of(client.get(path, headers=bearer(caller)), 404)["code"] == "not_found"
    assert error_of(client.get(path), 404)["code"] == "not_found"  # without a token: no login redirect


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("get", "/api/v1/facts/", "POST"), ("delete", "/api/v1/campaigns/", "GET"),
    ("put", "/api/v1/feedback/", "POST"), ("post", "/api/v1/rollups/", "GET"),
])
def test_a_method_an_endpoint_does_not_answer_is_405_json_with_allow(client, api, alliance, method, path, allowed):
    response = getattr(client, method)(path, headers=bearer(api(alliance["admin"])))
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == allowed


def test_a_signed_in_person_without_a_token_gets_401_json_not_a_login_page(client, alliance):
    client.force_login(alliance["admin"])
    response = client.get("/api/v1/rollups/")
    assert error_of(response, 401)["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_read_only_role_pushing_gets_403_json(api, alliance):
    response = api(alliance["analyst"]).post("api:push_feedback", {"source": "public", "kind": "praise"})
    assert error_of(response, 403)["code"] == "forbidden"


@pytest.mark.parametrize(("params", "field", "says"), [
    ({"page_size": "201"}, "page_size", "200"),
    ({"page_size": "0"}, "page_size", "1"),
    ({"page_size": "many"}, "page_size", "whole number"),
    ({"page_size": "²"}, "page_size", "whole number"),
])
def test_a_page_size_out_of_range_is_refused_with_the_allowed_range(api, alliance, params, field, says):
    error = error_of(api(alliance["admin"]).get("api:campaign_list", **params), 400)
    assert list(error["fields"]) == [field]
    assert says in error["message"]


@pytest.mark.parametrize(("params", "field"), [
    ({"start": ""}, "start"), ({"end": ""}, "end"), ({"start": "9999-12-31"}, "start"),
    ({"start": "9999-12-30", "end": "9999-12-31"}, "start"), ({"start": "0001-01-01", "end": "0001-01-02"}, "start"),
    ({"start": "2026-02-30"}, "start"), ({"grain": "year"}, "grain"), ({"dimension": ""}, "dimension"),
])
def test_empty_and_extreme_dates_and_unknown_choices_are_refused_by_field(api, alliance, params, field):
    error = error_of(api(alliance["admin"]).get("api:rollups", **{"grain": "week", **params}), 400)
    assert field in error["fields"]
    assert error["fields"][field][0]["message"]


def test_the_supported_days_are_named_in_the_message(api, alliance):
    error = error_of(api(alliance["admin"]).get("api:rollups", end="9999-12-31"), 400)
    assert error["fields"]["end"][0]["message"] == "Give a day from 1900-01-01 to 2999-12-31."


@pytest.mark.parametrize("grain", ["day", "week", "month"])
def test_the_last_supported_days_sum_without_overflow(api, alliance, grain):
    response = api(alliance["admin"]).get("api:rollups", grain=grain, start="2999-01-01", end="2999-12-31")
    assert response.status_code == 200
    assert response.json()["end"] == "2999-12-31"


def test_campaign_kpis_refuse_extreme_dates_too(api, alliance):
    response = api(alliance["am_a"]).get("api:campaign_kpis", alliance["campaign_a"].pk, end="9999-12-31")
    assert "end" in error_of(response, 400)["fields"]


@pytest.mark.parametrize("dimension", ["advertiser", "publisher", "campaign"])
@pytest.mark.parametrize("key", ["³", "١٢", HUGE, "-1", "1.0", "abc"])
def test_a_rollup_key_that_is_no_id_is_400_not_500(api, alliance, dimension, key):
    error = error_of(api(alliance["admin"]).get("api:rollups", dimension=dimension, key=key), 400)
    assert "digits 0-9" in error["message"]


@pytest.mark.parametrize("pk", [HUGE, "0"])
def test_a_campaign_id_out_of_range_is_400_with_the_range(client, api, alliance, pk):
    response = client.get(f"/api/v1/campaigns/{pk}/", headers=bearer(api(alliance["admin"])))
    assert list(error_of(response, 400)["fields"]) == ["pk"]


@pytest.mark.parametrize("campaign", ["³", HUGE, 10**20])
def test_pushed_facts_naming_no_campaign_are_row_errors_not_500(api, alliance, campaign):
    row = {"day": "2026-10-01", "campaign": campaign, "publisher": alliance["publisher"].pk,
           "platform": "douyin", "clicks": 5}
    error = error_of(api(alliance["lead_a"]).post("api:push_facts", [row]), 400)
    assert error["rows"] == [{"index": 0, "field": "campaign", "reason": error["rows"][0]["reason"]}]
    assert DailyPerformance.objects.count() == 0


@pytest.mark.parametrize("account", ["³", HUGE, 10**20, -1, 1.5, True, [1]])
def test_pushed_feedback_naming_no_account_is_a_field_error_not_500(api, alliance, account):
    payload = {"source": "advertiser", "account": account, "kind": "complaint"}
    error = error_of(api(alliance["am_a"]).post("api:push_feedback", payload), 400)
    assert "account" in error["fields"]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("body", ["", "not json", "[", '"\\ud800"'])
@pytest.mark.parametrize("name", ["facts", "feedback"])
def test_a_missing_or_broken_body_is_400_json(client, api, alliance, body, name):
    response = client.post(f"/api/v1/{name}/", body, content_type="application/json",
                           headers=bearer(api(alliance["admin"])))
    error_of(response, 400)


def test_a_body_too_large_is_413_json(client, api, alliance, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    rows = [{"day": "2026-10-01", "campaign": 1, "publisher": 1, "platform": "douyin"}] * 50
    response = client.post("/api/v1/facts/", json.dumps(rows), content_type="application/json",
                           headers=bearer(api(alliance["admin"])))
    assert error_of(response, 413)["code"] == "too_large"


def test_a_failure_inside_the_api_is_a_json_500_and_is_logged(api, alliance, monkeypatch, caplog):
    caller = api(alliance["admin"])

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(endpoints, "campaigns_visible_to", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/campaigns/", headers=bearer(caller))
    error = error_of(response, 500)
    assert error["code"] == "server_error"
    assert "database" not in error["message"]  # no internals leak to the caller
    assert any(record.exc_info and "the database went away" in str(record.exc_info[1]) for record in caplog.records)


def explode(request):
    raise RuntimeError("a failure outside the API framework")


# This module doubles as a URL configuration for the test below: the project's, plus a failing view.
urlpatterns = [path("api/v1/explode/", login_not_required(explode)), path("", include("socialcrm.urls"))]
handler500 = "socialcrm.views.server_error"  # renders the project's HTML error page


@pytest.mark.urls("tests.api.test_errors")
def test_a_failure_outside_the_api_framework_is_a_json_500_too():
    response = Client(raise_request_exception=False).get("/api/v1/explode/")
    assert error_of(response, 500)["code"] == "server_error"


def test_a_refused_host_is_json_too(client):
    response = client.get("/api/v1/campaigns/", headers={"Host": "evil.example"})
    error_of(response, 400)


def test_errors_speak_the_readers_language(client, api, alliance):
    response = client.get("/api/v1/campaigns/", {"page_size": "201"},
                          headers={**bearer(api(alliance["admin"])), "Accept-Language": "zh-hans"})
    error = error_of(response, 400)
    assert error["fields"]["page_size"][0]["message"] != "Must be at most 200."


def test_the_token_page_under_the_prefix_keeps_its_html_errors(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post("/api/v1/tokens/", {"name": ""})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_404_outside_any_endpoint_speaks_the_readers_language_too(client):
    response = client.get("/api/v1/nothing/", headers={"Accept-Language": "zh-hans"})
    assert error_of(response, 404)["message"] == "未找到。"
