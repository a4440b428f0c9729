"""A worker killed mid-task (SIGKILL to the whole worker): Redis hands the task to another worker
once the visibility timeout passes, and the work is done exactly once.

The test shortens the visibility timeout to 20 s (production: 5 minutes, so a killed worker's task
is redone within about 5 minutes); the mechanism is the same."""

import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from outbox.models import TaskMessage
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory
from tests.faults.stack import post_form, sign_in, wait_for
from tests.imports.factories import campaigns_named

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
VISIBILITY = 20
CAMPAIGNS = [f"Campaign {number}" for number in range(10)]
DAYS = 3000


def big_export():
    first = date(2017, 1, 1)
    lines = ["Day,Campaign name,Impressions,Link clicks,Amount spent (CNY)"]
    for offset in range(DAYS):
        day = (first + timedelta(days=offset)).isoformat()
        lines.extend(f"{day},{name},{1000 + offset},{10 + offset % 7},12.50" for name in CAMPAIGNS)
    return "\n".join(lines).encode()


def test_production_redelivers_a_killed_workers_task_within_ten_minutes():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    assert options["visibility_timeout"] + 10 <= 10 * 60  # workers look for expired tasks every 10 s
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_an_import_whose_worker_is_killed_mid_commit_is_finished_by_another_worker_exactly_once(
        make_stack, redis):
    lead = UserFactory(role="project_lead", username="lead")
    campaigns_named(lead, AccountFactory(), *CAMPAIGNS)
    publisher = AccountFactory(side="publisher", kind="kol")
    stack = make_stack(CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY), CELERY_TASK_TIME_LIMIT=str(VISIBILITY - 2),
                       OUTBOX_RESEND_AFTER="3600")  # only Redis' redelivery may bring it back
    stack.start_web()
    stack.start_worker("first")
    session = sign_in(stack, "lead", TEST_PASSWORD)
    session.get(stack.url + reverse("imports:upload"), timeout=10)
    response, _took = post_form(session, stack.url + reverse("imports:upload"), {"source": "Big"},
                                files={"file": ("big.csv", big_export(), "text/csv")})
    assert response.status_code == 302, response.text[:500]
    job = ImportJob.objects.get()
    mapping = {f"column_{name}": header for name, header in job.columns.items()}
    mapping.update(publisher=publisher.pk, platform="douyin")
    post_form(session, stack.url + reverse("imports:mapping", args=[job.pk]), mapping)
    wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.VALIDATED, 120, "the check")
    post_form(session, stack.url + reverse("imports:commit", args=[job.pk]), {"mode": "all", "outside": "extend"})

    wait_for(redis.held_by_a_worker, 60, "the worker to take the commit", interval=0.02)
    stack.kill("first")
    killed_at = time.monotonic()
    assert ImportJob.objects.get().status == ImportJob.Status.IMPORTING
    assert DailyPerformance.objects.count() == 0  # the unit of work is one transaction: nothing half written

    stack.start_worker("second")
    wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.DONE, VISIBILITY + 120,
             "another worker to finish the import")
    redone_after = time.monotonic() - killed_at
    assert redone_after < 10 * 60
    time.sleep(3)
    job.refresh_from_db()
    rows = DAYS * len(CAMPAIGNS)
    assert (job.good_rows, job.inserted, job.updated) == (rows, rows, 0)
    assert DailyPerformance.objects.count() == rows
    commit_task = TaskMessage.objects.get(task_name="imports.tasks.commit_import")
    assert (commit_task.status, commit_task.deliveries) == (TaskMessage.Status.DONE, 1)
    page = session.get(stack.url + job.get_absolute_url(), timeout=10).text
    assert "Imported" in page
