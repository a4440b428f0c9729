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


@pytest.fixture(scope="module")
def worker():
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    from socialcrm.celery import app

    app.control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "socialcrm", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env={**os.environ, "PYTEST_VERSION": os.environ.get("PYTEST_VERSION", "")},
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
