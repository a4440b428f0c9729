"""Daily reminders of the relationship's rhythm; idempotent through notification dedupe keys."""

from celery import shared_task

from accounts import services


@shared_task
def flag_overdue_cadences():
    return services.flag_overdue_cadences()


@shared_task
def remind_due_action_items():
    return services.remind_due_action_items()
