from celery import shared_task

from outbox import mail, relay


@shared_task
def relay_pending_tasks():
    return relay.relay_pending()


@shared_task
def deliver_message(message_id):
    message = mail.deliver(message_id)
    return message.status if message else None


@shared_task
def retry_due_messages():
    """Hands each due message to a delivery task (a task apiece, so one slow server holds one)."""
    due = list(mail.due_messages().values_list("pk", flat=True)[:500])
    for message_id in due:
        deliver_message.delay_on_commit(message_id)
    return len(due)
