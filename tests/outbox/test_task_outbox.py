"""The transactional outbox for tasks: recorded with the write, sent after commit, kept while the
broker is down, sent by the relay when it is back, never run twice to a different effect."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from kombu.exceptions import OperationalError

from outbox import relay
from outbox.models import TaskMessage
from socialcrm.celery import app
from socialcrm.tasks import ping

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch):
    """A non-eager app whose broker can be switched off; records what was published."""
    state = {"up": True, "published": []}

    def publish(app_, task, message, options, quick):
        if not state["up"]:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        state["published"].append((task.name, message.args, options["task_id"]))

    monkeypatch.setattr(relay, "_publish", publish)
    monkeypatch.setattr(relay, "_broker_down_until", 0.0)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield state
    app.conf.task_always_eager = eager


def test_a_task_asked_for_in_a_rolled_back_transaction_is_never_sent(broker):
    with (TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        ping.delay_on_commit()
        raise RuntimeError("the write failed")
    assert not TaskMessage.objects.exists() and broker["published"] == []


def test_a_task_is_sent_after_commit_and_marked_sent(broker):
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    message = TaskMessage.objects.get()
    assert message.status == TaskMessage.Status.SENT and message.deliveries == 1
    assert broker["published"] == [("socialcrm.tasks.ping", [], f"outbox-{message.pk}-1")]


def test_with_the_broker_down_the_task_waits_and_the_relay_sends_it_once_it_is_back(broker, settings):
    settings.OUTBOX_RELAY_GRACE = 0
    broker["up"] = False
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
        ping.delay_on_commit()
    assert set(TaskMessage.objects.values_list("status", flat=True)) == {TaskMessage.Status.PENDING}
    assert "Connection refused" in TaskMessage.objects.first().last_error
    assert relay.relay_pending() == 0  # still down: nothing lost, nothing sent

    broker["up"] = True
    assert relay.relay_pending() == 2
    assert relay.relay_pending() == 0
    assert len(broker["published"]) == 2
    assert set(TaskMessage.objects.values_list("status", flat=True)) == {TaskMessage.Status.SENT}


def test_after_a_failure_requests_do_not_wait_for_the_broker_again(broker):
    broker["up"] = False
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    broker["up"] = True
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    assert broker["published"] == []  # left to the relay for OUTBOX_BROKER_PAUSE seconds


def test_a_sent_task_that_never_finished_is_sent_again_and_given_up_after_repeated_deliveries(
        broker, settings):
    settings.OUTBOX_RESEND_AFTER = 0
    settings.OUTBOX_MAX_DELIVERIES = 3
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    message = TaskMessage.objects.get()
    relay.relay_pending()
    relay.relay_pending()
    assert [task_id for _name, _args, task_id in broker["published"]] == [
        f"outbox-{message.pk}-{n}" for n in (1, 2, 3)]
    relay.relay_pending()
    message.refresh_from_db()
    assert message.status == TaskMessage.Status.FAILED and "3 times" in message.last_error


def test_a_finished_task_delivered_again_does_nothing(broker, monkeypatch):
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    message = TaskMessage.objects.get()
    task_id = broker["published"][0][2]
    ping.apply(task_id=task_id)  # the worker runs it: done
    message.refresh_from_db()
    assert message.status == TaskMessage.Status.DONE and message.finished_at
    assert ping.apply(task_id=f"outbox-{message.pk}-2").result is None  # a redelivery: skipped
    assert ping.apply().result["pid"]  # an ordinary call still runs


def test_in_eager_mode_the_task_runs_at_commit_and_is_done():
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
    assert TaskMessage.objects.get().status == TaskMessage.Status.DONE


def test_finished_tasks_are_kept_a_week_then_deleted_but_unfinished_ones_never(broker, settings):
    settings.OUTBOX_RESEND_AFTER = 3600
    with TestCase.captureOnCommitCallbacks(execute=True):
        ping.delay_on_commit()
        ping.delay_on_commit()
    old, recent = TaskMessage.objects.order_by("pk")
    TaskMessage.objects.filter(pk=old.pk).update(status="done", finished_at=timezone.now() - timedelta(days=8))
    TaskMessage.objects.filter(pk=recent.pk).update(sent_at=timezone.now() - timedelta(days=30))
    relay.relay_pending()
    assert list(TaskMessage.objects.values_list("pk", flat=True)) == [recent.pk]


def test_every_periodic_job_names_a_registered_task(settings):
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    app.loader.import_default_modules()  # what a worker does at start
    assert names - set(app.tasks) == set()
