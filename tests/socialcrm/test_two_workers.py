"""Two workers against one Redis and one PostgreSQL share the queue; nothing runs twice.

Run with `pytest -m worker` and REDIS_URL set (CI's second run does).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.socialcrm.test_worker import _test_database_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.worker
TASKS = 12


def _start_worker(name, env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "socialcrm", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--loglevel=WARNING", "-n", f"{name}-{os.getpid()}@%h"],
        cwd=ROOT, env=env)


@pytest.fixture
def two_workers(django_db_setup):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    from socialcrm.celery import app

    app.control.purge()
    env = {**os.environ, "DATABASE_URL": _test_database_url()}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    workers = [_start_worker("first", env), _start_worker("second", env)]
    deadline = time.monotonic() + 90
    while len(app.control.ping(timeout=1.0)) < 2:
        assert all(worker.poll() is None for worker in workers), "a worker exited during start-up"
        if time.monotonic() > deadline:
            pytest.fail("two workers did not answer ping within 90 s")
    yield app, workers
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(timeout=30)


def _executed_pings(app, workers):
    """How many pings each of our workers has run, by its own count."""
    names = {f"{name}-{os.getpid()}" for name in ("first", "second")}
    stats = app.control.inspect(timeout=5).stats() or {}
    return {node.split("@")[0]: info.get("total", {}).get("socialcrm.tasks.ping", 0)
            for node, info in stats.items() if node.split("@")[0] in names}


def test_two_workers_share_the_queue_and_run_each_task_exactly_once(two_workers):
    from socialcrm.tasks import ping

    app, workers = two_workers
    results = [ping.apply_async(kwargs={"hold_seconds": 0.5}) for _ in range(TASKS)]
    pids = [result.get(timeout=120)["pid"] for result in results]

    assert set(pids) == {worker.pid for worker in workers}  # both took a share
    executed = _executed_pings(app, workers)
    assert len(executed) == 2 and sum(executed.values()) == TASKS  # and none ran twice
