"""One client address for login lockouts, the audit trail and the partner-form rate limit.

A proxy appends the address it received the request from to X-Forwarded-For, so what a client
writes into the header itself ends up on the left and must never be believed.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from audit.models import AuditEntry
from feedback.models import Feedback
from socialcrm.client_ip import client_ip
from tests.factories import TEST_PASSWORD
from tests.feedback.factories import FeedbackLinkFactory

PROXY = "10.0.0.1"  # the reverse proxy (nginx, a load balancer) as the app sees it
VICTIM = "203.0.113.9"
ATTACKER = "198.51.100.66"
LOW_RATING = {"rating": "1", "nps": "2", "kind": "ad_performance", "text": "Late report.",
              "author_name": "Li Na", "author_contact": "li.na@example.com"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []


def through_proxy(client_address, written_by_client=""):
    """Headers of a request that passed our one proxy: it appends the peer's address."""
    forwarded = f"{written_by_client}, {client_address}" if written_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def _ip(**meta):
    return client_ip(RequestFactory().get("/", **meta))


def test_without_a_configured_proxy_the_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert _ip(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM) == ATTACKER


def test_behind_a_configured_proxy_the_client_is_the_address_the_proxy_saw(behind_one_proxy):
    assert _ip(**through_proxy(VICTIM)) == VICTIM
    assert _ip(**through_proxy(ATTACKER, written_by_client=VICTIM)) == ATTACKER


def test_two_proxies_count_from_the_right(settings):
    settings.PROXY_COUNT = 2
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{VICTIM}, {ATTACKER}, 10.0.0.7"}
    assert _ip(**meta) == ATTACKER


def test_a_request_that_skips_the_proxy_is_taken_at_its_address(behind_one_proxy):
    assert _ip(REMOTE_ADDR=ATTACKER) == ATTACKER


def test_trusted_proxies_limit_who_may_forward(behind_one_proxy, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert _ip(**through_proxy(VICTIM)) == VICTIM
    assert _ip(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM) == ATTACKER


def _fail_login(client, username, **meta):
    return client.post(reverse("login"), {"username": username, "password": "wrong"}, **meta)


def _login(client, username, **meta):
    return client.post(reverse("login"), {"username": username, "password": TEST_PASSWORD}, **meta)


@pytest.mark.django_db
def test_behind_a_proxy_an_attacker_locks_out_only_themselves(client, make_user, behind_one_proxy):
    make_user(username="mei")
    for _ in range(6):
        _fail_login(client, "mei", **through_proxy(ATTACKER, written_by_client=VICTIM))
    assert _login(client, "mei", **through_proxy(ATTACKER)).status_code == 429
    response = _login(client, "mei", **through_proxy(VICTIM))
    assert response.status_code == 302 and client.session["_auth_user_id"]


@pytest.mark.django_db
def test_without_a_configured_proxy_a_forged_header_locks_out_the_sender(client, make_user, settings):
    settings.PROXY_COUNT = 0
    make_user(username="mei")
    for _ in range(6):
        _fail_login(client, "mei", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM)
    assert _login(client, "mei", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert _login(client, "mei", REMOTE_ADDR=VICTIM).status_code == 302


@pytest.mark.django_db
def test_the_audit_trail_records_the_client_not_the_proxy(client, make_user, behind_one_proxy):
    make_user(username="mei")
    _fail_login(client, "mei", **through_proxy(ATTACKER, written_by_client=VICTIM))
    _login(client, "mei", **through_proxy(VICTIM))
    assert list(AuditEntry.objects.order_by("id").values_list("action", "ip_address")) == [
        ("login_failed", ATTACKER), ("login", VICTIM)]


@pytest.mark.django_db
def test_partners_behind_one_proxy_each_have_their_own_rate_limit(client, alliance, settings,
                                                                   behind_one_proxy):
    settings.FEEDBACK_FORM_RATE_LIMIT = 2
    links = [FeedbackLinkFactory(account=alliance["adv_a"]) for _ in range(4)]
    statuses = [client.post(link.get_public_url(), LOW_RATING, **through_proxy(ATTACKER)).status_code
                for link in links[:3]]
    assert statuses == [302, 302, 429]
    assert client.post(links[3].get_public_url(), LOW_RATING, **through_proxy(VICTIM)).status_code == 302
    assert Feedback.objects.count() == 3


@pytest.mark.django_db
def test_without_a_configured_proxy_a_forged_header_does_not_escape_the_rate_limit(client, alliance,
                                                                                    settings):
    settings.PROXY_COUNT = 0
    settings.FEEDBACK_FORM_RATE_LIMIT = 2
    links = [FeedbackLinkFactory(account=alliance["adv_a"]) for _ in range(3)]
    statuses = [client.post(link.get_public_url(), LOW_RATING, REMOTE_ADDR=ATTACKER,
                            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
                for n, link in enumerate(links)]
    assert statuses == [302, 302, 429]
    assert Feedback.objects.count() == 2


def test_a_mistyped_trusted_proxy_stops_the_app_at_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "socialcrm.settings", "DEBUG": "1",
             "TRUSTED_PROXIES": "10.0.0.0/24,nginx"},
        capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr
