"""With Redis down the cache degrades to no cache: pages answer, the partner form keeps feedback.
The cache here is django-redis pointed at a port where nothing listens."""

import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from feedback.models import Feedback
from tests.faults.stack import free_port
from tests.feedback.factories import FeedbackLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    yield
    caches["default"].close()


def test_the_roi_dashboard_answers_without_the_cache(cache_down, alliance, client):
    client.force_login(alliance["admin"])
    started = time.monotonic()
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and time.monotonic() - started < 10


def test_partner_feedback_is_kept_without_the_cache(cache_down, alliance, client):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    response = client.post(link.get_public_url(), {"rating": "2", "kind": "ad_performance",
                                                   "text": "Late report."})
    assert response.status_code == 302 and response["Location"] == reverse("feedback:partner_thanks")
    assert Feedback.objects.get().text == "Late report."


def test_a_rollup_refresh_while_the_cache_is_down_invalidates_dashboards_once_it_is_back(
        cache_down, settings):
    from outbox.models import TaskMessage
    from reports import rollups

    rollups.bump_version()  # Redis unreachable: the bump waits in the outbox
    waiting = TaskMessage.objects.get(task_name="reports.tasks.bump_cache_version")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"].set(rollups.VERSION_KEY, 7, timeout=None)
    from reports.tasks import bump_cache_version

    bump_cache_version.apply(task_id=f"outbox-{waiting.pk}-1")  # relayed once Redis is back
    assert caches["default"].get(rollups.VERSION_KEY) == 8
