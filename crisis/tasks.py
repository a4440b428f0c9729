"""Beat jobs of the crisis app (scheduled in socialcrm/beat.py). Each is idempotent."""

from celery import shared_task

from crisis import services


@shared_task
def evaluate_warning_rules():
    """Raise, refresh or clear signals: one open signal per problem however often it runs."""
    return services.evaluate_rules()


@shared_task
def escalate_overdue_actions():
    """Remind and escalate overdue incident actions; notifications are deduplicated per deadline."""
    return services.escalate_overdue_actions()


@shared_task
def refresh_trust_scores():
    """Today's trust score snapshot per account (overwritten, never doubled, on a rerun)."""
    return services.refresh_trust_scores()
