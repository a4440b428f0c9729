"""Transactional outbox for Celery tasks: work a write asks for is a row in the same transaction.

`enqueue` records the task; after commit one quick attempt sends it to the broker (a fraction
of a second at most, no retries: a request never waits for Redis). When the broker is down the
row stays pending and `relay_pending` (a beat task, every minute) sends it once Redis is back.
A sent task that never reports done (its message lost with a Redis restart, or its worker
killed and the redelivery lost) is sent again after `OUTBOX_RESEND_AFTER` seconds; the worker
skips a delivery whose row is already done, so a duplicate message does nothing.
"""

import logging
import re
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from outbox.models import TaskMessage

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, RedisError, OSError)
CELERY_ID = re.compile(r"^outbox-(\d+)-\d+$")
# After a failed attempt this process leaves sending to the relay for a while, so a request
# during an outage does not even pay the connection timeout.
_broker_down_until = 0.0


def enqueue(task_name, args=(), kwargs=None):
    """Record `task_name(*args, **kwargs)` in the current transaction; it runs after commit."""
    message = TaskMessage.objects.create(task_name=task_name, args=list(args), kwargs=kwargs or {})
    transaction.on_commit(lambda: relay_now(message.pk))
    return message


def relay_now(message_id):
    """The on-commit attempt: one quick try; True when the broker took the task."""
    if time.monotonic() < _broker_down_until:
        return False
    message = TaskMessage.objects.filter(pk=message_id, status=TaskMessage.Status.PENDING).first()
    return message is not None and _send(message)


def relay_pending(*, limit=500):
    """Send what waits for the broker and resend what never finished; returns how many went.
    Finished rows are kept `OUTBOX_KEEP_DAYS` days for the admin, then deleted."""
    now = timezone.now()
    grace = now - timedelta(seconds=settings.OUTBOX_RELAY_GRACE)
    stale = now - timedelta(seconds=settings.OUTBOX_RESEND_AFTER)
    _give_up_on_poison(stale)
    TaskMessage.objects.filter(
        status=TaskMessage.Status.DONE, finished_at__lte=now - timedelta(days=settings.OUTBOX_KEEP_DAYS),
    ).delete()
    waiting = TaskMessage.objects.filter(status=TaskMessage.Status.PENDING, created_at__lte=grace)
    lost = TaskMessage.objects.filter(status=TaskMessage.Status.SENT, sent_at__lte=stale)
    sent = 0
    for message in [*waiting.order_by("pk")[:limit], *lost.order_by("pk")[:limit]]:
        if not _send(message, quick=False):
            break  # the broker is down: the next run tries again
        sent += 1
    return sent


def latest_for(task_name, args):
    """The newest outbox row of `task_name(*args)`, or None: has this work been asked for?"""
    return TaskMessage.objects.filter(task_name=task_name, args=list(args)).order_by("-pk").first()


def message_id_of(celery_id):
    match = CELERY_ID.match(celery_id or "")
    return int(match.group(1)) if match else None


def already_done(celery_id):
    message_id = message_id_of(celery_id)
    return message_id is not None and TaskMessage.objects.filter(
        pk=message_id, status=TaskMessage.Status.DONE).exists()


def finish(celery_id, *, succeeded, error=""):
    message_id = message_id_of(celery_id)
    if message_id is None:
        return
    status = TaskMessage.Status.DONE if succeeded else TaskMessage.Status.FAILED
    TaskMessage.objects.filter(pk=message_id).exclude(status=TaskMessage.Status.DONE).update(
        status=status, finished_at=timezone.now(), last_error=str(error)[:500])


def _send(message, quick=True):
    global _broker_down_until
    from socialcrm.celery import app

    if message.task_name not in app.tasks:
        app.loader.import_default_modules()  # autodiscovery is lazy outside the worker
    task = app.tasks[message.task_name]
    options = {"task_id": f"outbox-{message.pk}-{message.deliveries + 1}", "retry": False,
               "ignore_result": True}
    if app.conf.task_always_eager:  # runs here and now; its own errors propagate as before
        _mark_sent(message)
        task.apply_async(message.args, message.kwargs, **options)
        return True
    try:
        _publish(app, task, message, options, quick)
    except BROKER_ERRORS as error:
        _broker_down_until = time.monotonic() + settings.OUTBOX_BROKER_PAUSE
        logger.warning("Broker unavailable; task %s waits in the outbox: %s", message.pk, error)
        TaskMessage.objects.filter(pk=message.pk).update(last_error=str(error)[:500])
        return False
    _mark_sent(message)
    return True


def _mark_sent(message):
    TaskMessage.objects.filter(pk=message.pk).update(deliveries=F("deliveries") + 1, sent_at=timezone.now())
    # An eager task (or a fast worker) may already have finished it: never overwrite "done".
    TaskMessage.objects.filter(pk=message.pk, status=TaskMessage.Status.PENDING).update(
        status=TaskMessage.Status.SENT)


def _publish(app, task, message, options, quick):
    timeout = settings.BROKER_PUBLISH_TIMEOUT if quick else 5
    transport_options = {"max_retries": 0, "socket_connect_timeout": timeout, "socket_timeout": timeout}
    with app.connection_for_write(connect_timeout=timeout, transport_options=transport_options) as connection:
        task.apply_async(message.args, message.kwargs, connection=connection, **options)


def _give_up_on_poison(stale):
    """A task delivered this many times without finishing kills its worker: stop sending it."""
    TaskMessage.objects.filter(
        status=TaskMessage.Status.SENT, sent_at__lte=stale, deliveries__gte=settings.OUTBOX_MAX_DELIVERIES,
    ).update(status=TaskMessage.Status.FAILED, finished_at=timezone.now(),
             last_error=f"delivered {settings.OUTBOX_MAX_DELIVERIES} times without finishing")
