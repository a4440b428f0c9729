"""Celery tells the outbox when a relayed task finished; other apps hear when a message went out."""

from celery.signals import task_postrun
from django.dispatch import Signal

from outbox import relay

# Sent with `message` (an OutgoingMessage) when it was sent or failed for good.
delivery_finished = Signal()


def on_delivery_about(model, handler):
    """Call `handler(message)` when a message about an object of `model` was sent or failed."""

    def receiver(sender, message, **extra):
        if message.about_type_id and message.about_type.model_class() is model:
            handler(message)

    delivery_finished.connect(receiver, weak=False, dispatch_uid=f"outbox-{model._meta.label}")


@task_postrun.connect
def _record_task_outcome(sender=None, task_id=None, retval=None, state=None, **extra):
    if state == "SUCCESS":
        relay.finish(task_id, succeeded=True)
    elif state == "FAILURE":
        relay.finish(task_id, succeeded=False, error=repr(retval))
