from celery import shared_task
from django.utils import timezone

from campaigns import reminders


@shared_task
def send_milestone_reminders():
    """Hourly: remind owners of steps due soon, today or overdue; escalate long-overdue ones."""
    return reminders.send_milestone_reminders(timezone.localdate())
