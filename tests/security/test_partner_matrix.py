"""The authorization matrix seen by partner users: every staff URL refuses them; every portal URL
shows a partner its own organisation's objects and answers 404 for another organisation's."""

import pytest
from django.urls import reverse

from tests.security.matrix import MATRIX, NOT_ALLOWED
from tests.security.test_authz_matrix import SECRET_MARKER, body_of

PORTAL = sorted(name for name in MATRIX if name.startswith("portal:"))
STAFF = sorted(name for name in MATRIX if not name.startswith("portal:"))


def _methods(entry):
    return [method for method, outcome in (("GET", entry.get), ("POST", entry.post)) if outcome != NOT_ALLOWED]


def _request(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.django_db
def test_every_staff_url_refuses_a_partner(world, client, rolled_back, uninstrumented_templates):
    client.force_login(world["own"]["partner"])
    failures = []
    for name in STAFF:
        url = reverse(name, kwargs=MATRIX[name].kwargs(world["own"], world))
        for method in ("GET", "POST"):
            with rolled_back():
                response = _request(client, method, url)
            if name == "logout" and method == "POST":
                client.force_login(world["own"]["partner"])
                continue
            expected = {302} if name == "home" else {405} if name == "logout" else {403}
            if response.status_code not in expected:
                failures.append(f"{name} {method}: {response.status_code}")
            if name == "home" and response["Location"] != reverse("portal:home"):
                failures.append(f"home sends a partner to {response['Location']}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_admin_refuses_a_partner(world, client):
    client.force_login(world["own"]["partner"])
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/accounts/account/").status_code == 403


@pytest.mark.django_db
def test_every_portal_url_shows_a_partner_only_its_own_organisation(world, client, rolled_back,
                                                                  uninstrumented_templates):
    failures = []
    for partner_side, other_side in (("own", "other"), ("other", "own")):
        client.force_login(world[partner_side]["partner"])
        foreign_marker = "Secret Brand" if partner_side == "own" else "Own "
        for name in PORTAL:
            entry = MATRIX[name]
            for whose in (partner_side, other_side) if entry.scoped else (partner_side,):
                url = reverse(name, kwargs=entry.kwargs(world[whose], world))
                for method in _methods(entry):
                    with rolled_back():
                        response = _request(client, method, url)
                    expected_ok = whose == partner_side
                    got_ok = response.status_code <= 400
                    if expected_ok != got_ok or (not expected_ok and response.status_code != 404):
                        failures.append(f"{partner_side} partner, {whose} object, {name} {method}: "
                                        f"{response.status_code}")
                    if foreign_marker in body_of(response):
                        failures.append(f"{partner_side} partner, {name} {method}: LEAK of {foreign_marker!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_a_partners_token_is_refused_by_every_api_endpoint(world, client):
    from api.services import create_token

    _token, secret = create_token(user=world["own"]["partner"], name="integration")
    for path in ("/api/v1/campaigns/", f"/api/v1/campaigns/{world['own']['campaign'].pk}/",
                 f"/api/v1/campaigns/{world['own']['campaign'].pk}/kpis/"):
        assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401, path


def test_secret_marker_is_the_matrix_one():
    assert SECRET_MARKER == "Secret Brand"
