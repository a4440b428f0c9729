import pytest

from audit.models import AuditEntry
from feedback.models import Feedback
from feedback.sla import DEFAULT_HOURS

pytestmark = pytest.mark.django_db


def complaint(alliance, **extra):
    return {"source": "advertiser", "account": alliance["adv_a"].pk, "kind": "complaint",
            "text": "The KOL posted a day late.", "rating": 2, **extra}


def test_pushed_feedback_is_stored_with_owner_and_sla_deadline(api, alliance):
    response = api(alliance["am_a"]).post("api:push_feedback", complaint(alliance))
    assert response.status_code == 201
    body = response.json()
    feedback = Feedback.objects.get(pk=body["id"])
    assert feedback.priority == "high"  # suggested from the complaint, as in the app
    assert feedback.owner == alliance["am_a"]
    assert (feedback.respond_by - feedback.received_at).total_seconds() == DEFAULT_HOURS["high"] * 3600
    assert body["respond_by"] == feedback.respond_by.isoformat()
    actions = set(AuditEntry.objects.filter(target_id=str(feedback.pk)).values_list("action", flat=True))
    assert {"feedback.created", "api.feedback_pushed"} <= actions


def test_feedback_about_someone_elses_account_is_404(api, alliance):
    response = api(alliance["am_a"]).post("api:push_feedback", complaint(alliance, account=alliance["adv_b"].pk))
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_on_someone_elses_campaign_is_404(api, alliance):
    payload = complaint(alliance, campaign=alliance["campaign_b"].pk)
    assert api(alliance["am_a"]).post("api:push_feedback", payload).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("role", ["executive", "analyst"])
def test_read_only_roles_get_403(api, alliance, role):
    assert api(alliance[role]).post("api:push_feedback", complaint(alliance)).status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "gossip"}, "kind"), ({"rating": 9}, "rating"), ({"received_at": "2999-01-01T00:00:00Z"}, "received_at"),
    ({"account": None}, "account"), ({"account": "abc"}, "account"),
])
def test_invalid_feedback_is_400_with_field_errors(api, alliance, change, field):
    response = api(alliance["am_a"]).post("api:push_feedback", complaint(alliance, **change))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Feedback.objects.exists()


def test_a_json_array_is_not_feedback(api, alliance):
    assert api(alliance["am_a"]).post("api:push_feedback", [complaint(alliance)]).status_code == 400
