import os

from celery import Celery
from celery.contrib.django.task import DjangoTask


class ReliableTask(DjangoTask):
    """Retries transient failures with exponential backoff and jitter.

    Combined with late acknowledgement (settings), a task may run more than once:
    every task body must be idempotent. Services enqueue with `delay_on_commit`
    so a task never runs against rows whose transaction rolled back.
    """

    autoretry_for = (ConnectionError, TimeoutError)
    retry_backoff = 2
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialcrm.settings")

app = Celery("socialcrm", task_cls=ReliableTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
