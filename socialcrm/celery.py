import os

from celery import Celery
from celery.contrib.django.task import DjangoTask


class ReliableTask(DjangoTask):
    """Retries transient failures with exponential backoff and jitter.

    Combined with late acknowledgement (settings), a task may run more than once:
    every task body must be idempotent. Services enqueue with `delay_on_commit`, which records
    the task in the transactional outbox (outbox.relay): it runs only if the transaction
    commits, and waits in the database while the broker is down.
    """

    autoretry_for = (ConnectionError, TimeoutError)
    retry_backoff = 2
    # A countdown longer than the broker's visibility timeout makes Redis hand the task to a
    # second worker while the first still holds it: keep retries well below it.
    retry_backoff_max = 60
    retry_jitter = True
    max_retries = 5

    def delay_on_commit(self, *args, **kwargs):
        from outbox.relay import enqueue

        enqueue(self.name, args, kwargs)

    def __call__(self, *args, **kwargs):
        from outbox.relay import already_done

        if already_done(self.request.id):
            return None  # a second delivery of finished work (redelivered or resent): nothing to do
        return super().__call__(*args, **kwargs)


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialcrm.settings")

app = Celery("socialcrm", task_cls=ReliableTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
