"""The real path: a Celery worker process consuming from Redis. Run with `pytest -m worker`."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.worker


def _test_database_url():
    """The worker must use the test database pytest-django created, not the configured one."""
    db = settings.DATABASES["default"]
    if not settings.USES_POSTGRES:
        return os.environ.get("DATABASE_URL", "")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    from socialcrm.celery import app

    app.control.purge()
    env = {**os.environ, "DATABASE_URL": _test_database_url()}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "socialcrm", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            break
        assert process.poll() is None, "worker exited during start-up"
    else:
        process.terminate()
        pytest.fail("worker did not answer ping within 60 s")
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_a_task_runs_in_the_worker_process_through_redis(worker):
    from socialcrm.tasks import ping

    result = ping.apply_async().get(timeout=30)
    assert result["pid"] == worker.pid
    assert result["pid"] != os.getpid()


@pytest.mark.django_db(transaction=True)
def test_rollups_refreshed_by_the_worker_match_the_facts_even_when_delivered_five_times(worker):
    if not settings.USES_POSTGRES:
        pytest.skip("the worker shares the test database only on PostgreSQL")
    from datetime import timedelta
    from decimal import Decimal

    from django.db.models import Sum
    from django.utils import timezone

    from campaigns.models import DailyPerformance
    from reports.models import Rollup
    from reports.tasks import refresh_rollups
    from tests.factories import AccountFactory, CampaignFactory

    campaign = CampaignFactory()
    publisher = AccountFactory(side="publisher", kind="kol")
    first = timezone.localdate() - timedelta(days=20)
    for offset in range(14):
        DailyPerformance.objects.create(
            campaign=campaign, publisher=publisher, platform="douyin", day=first + timedelta(days=offset),
            impressions=1000 + offset, clicks=10 + offset, spend=Decimal("12.50"), revenue=Decimal("30.00"),
        )
    last = first + timedelta(days=13)
    results = [
        refresh_rollups.apply_async(args=([campaign.advertiser_id], [(first.isoformat(), last.isoformat())]))
        for _ in range(5)
    ]
    for result in results:
        result.get(timeout=60)

    daily = Rollup.objects.filter(grain=Rollup.Grain.CAMPAIGN, period=Rollup.Period.DAY,
                                  campaign_id=campaign.pk)
    assert daily.count() == 14
    facts = DailyPerformance.objects.filter(campaign=campaign).aggregate(i=Sum("impressions"), s=Sum("spend"))
    rolled = daily.aggregate(i=Sum("impressions"), s=Sum("spend"))
    assert rolled == facts
