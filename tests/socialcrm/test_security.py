import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(**overrides):
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 20 + "-a-real-production-secret-0123456789",
        "ALLOWED_HOSTS": "crm.example.com", "SITE_URL": "https://crm.example.com", **overrides,
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("site_url", ["", "http://127.0.0.1:8000", "http://localhost"])
def test_check_deploy_warns_when_links_would_point_at_this_machine(site_url):
    result = _check_deploy(SITE_URL=site_url)
    assert result.returncode != 0
    assert "socialcrm.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    env.pop("PYTEST_VERSION", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/"])
def test_every_html_page_has_strict_csp_and_security_headers(client, make_user, url):
    if url != "/login/":
        client.force_login(make_user("executive"))
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'nonce-" in script_src
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert f'nonce="{nonce}"' in tag or 'type="application/json"' in tag, tag


@pytest.mark.django_db
def test_pages_require_sign_in(client):
    for url in ["/", "/advertisers/", "/campaigns/", "/notifications/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _attempt(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_sixth_bad_attempt_is_refused_even_with_the_right_password(client, make_user):
    user = make_user(username="mei")
    for _ in range(5):
        assert _attempt(client, "mei", "wrong").status_code == 200
    assert _attempt(client, "mei", "wrong").status_code == 429
    response = _attempt(client, "mei", TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.pk


@pytest.mark.django_db
def test_lockout_is_per_user_and_ip_so_a_colleague_on_the_same_ip_still_signs_in(client, make_user):
    make_user(username="mei")
    make_user(username="tom")
    for _ in range(6):
        _attempt(client, "mei", "wrong")
    response = _attempt(client, "tom", TEST_PASSWORD)
    assert response.status_code == 302
    assert _attempt(client.__class__(), "mei", TEST_PASSWORD, ip="10.9.9.9").status_code == 302


@pytest.mark.django_db
def test_lockout_cools_off(client, make_user, settings):
    make_user(username="mei")
    for _ in range(6):
        _attempt(client, "mei", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert _attempt(client, "mei", TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_csrf_token_is_required_for_posts(make_user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user())
    assert strict.post(reverse("notifications:mark_all_read")).status_code == 403
