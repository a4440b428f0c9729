import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, hash_token
from api.services import create_token, revoke_token
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

API_URLS = [("get", "api:campaign_list", ()), ("get", "api:rollups", ()), ("post", "api:push_facts", ()),
            ("post", "api:push_feedback", ())]


def call(client, method, name, args, **headers):
    url = reverse(name, args=args)
    if method == "get":
        return client.get(url, headers=headers)
    return client.post(url, "[]", content_type="application/json", headers=headers)


@pytest.mark.parametrize(("method", "name", "args"), API_URLS)
@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Token x"])
def test_missing_or_invalid_token_is_401_json(client, alliance, method, name, args, header):
    headers = {"Authorization": header} if header else {}
    response = call(client, method, name, args, **headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "name", "args"), API_URLS)
def test_revoked_token_is_401(client, alliance, method, name, args):
    token, secret = create_token(user=alliance["admin"], name="sync")
    revoke_token(user=alliance["admin"], token=token)
    response = call(client, method, name, args, Authorization=f"Bearer {secret}")
    assert response.status_code == 401


def test_inactive_users_token_is_401(client, alliance):
    user = alliance["am_a"]
    _token, secret = create_token(user=user, name="sync")
    user.is_active = False
    user.save()
    assert call(client, "get", "api:campaign_list", (), Authorization=f"Bearer {secret}").status_code == 401


def test_signed_in_session_without_token_is_401(client, alliance):
    """The API ignores the session cookie, so a page cannot act through a signed-in browser."""
    client.force_login(alliance["admin"])
    assert client.get(reverse("api:campaign_list")).status_code == 401
    assert call(client, "post", "api:push_feedback", ()).status_code == 401


def test_a_token_push_needs_no_csrf_token_even_beside_a_session(alliance):
    """Integrations send no CSRF token; the bearer header is what a browser never adds on its own."""
    _token, secret = create_token(user=alliance["am_a"], name="sync")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alliance["am_a"])
    payload = {"source": "advertiser", "account": alliance["adv_a"].pk, "kind": "praise", "rating": 5}
    response = client.post(reverse("api:push_feedback"), json.dumps(payload), content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201


def test_valid_token_works_and_marks_last_use(api, alliance):
    caller = api(alliance["am_a"])
    assert caller.token.last_used_at is None
    response = caller.get("api:campaign_list")
    assert response.status_code == 200
    caller.token.refresh_from_db()
    assert caller.token.last_used_at is not None


def test_only_a_hash_of_the_token_is_stored(alliance):
    token, secret = create_token(user=alliance["am_a"], name="sync")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hash_token(secret)
    assert secret not in {stored.token_hash, stored.hint, stored.name}
    assert secret.startswith(stored.hint)


def test_token_page_shows_the_secret_once_and_revokes(client, alliance):
    user = alliance["am_a"]
    client.force_login(user)
    response = client.post(reverse("api:tokens"), {"name": "Douyin sync"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert hash_token(secret) == token.token_hash
    assert secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert secret not in client.get(reverse("api:tokens")).content.decode()

    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiToken.objects.filter(pk=token.pk).exists()  # revoked, never deleted
    actions = list(AuditEntry.objects.filter(target_type="api.apitoken", target_id=str(token.pk))
                   .values_list("action", flat=True))
    assert sorted(actions) == ["api.token_created", "api.token_revoked"]


def test_nobody_revokes_someone_elses_token(client, alliance):
    token, _secret = create_token(user=alliance["am_b"], name="theirs")
    client.force_login(alliance["admin"])
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_page_lists_only_own_tokens(client, alliance):
    create_token(user=alliance["am_b"], name="their secret sync")
    client.force_login(alliance["am_a"])
    assert "their secret sync" not in client.get(reverse("api:tokens")).content.decode()


def test_revoking_twice_keeps_the_first_time(alliance):
    token, _secret = create_token(user=alliance["am_a"], name="sync")
    revoke_token(user=alliance["am_a"], token=token)
    first = token.revoked_at
    revoke_token(user=alliance["am_a"], token=token)
    assert token.revoked_at == first <= timezone.now()


def test_wrong_method_is_405_json(api, alliance):
    response = api(alliance["admin"]).get("api:push_facts")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
