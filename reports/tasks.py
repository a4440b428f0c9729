from datetime import date

from celery import shared_task

from reports import rollups


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_jitter=True, max_retries=5)
def refresh_rollups(advertiser_ids, day_ranges):
    """Recompute the rollups an import touched; `day_ranges` holds ISO (first, last) pairs."""
    ranges = [(date.fromisoformat(first), date.fromisoformat(last)) for first, last in day_ranges]
    rollups.refresh(advertiser_ids, ranges)


@shared_task
def rebuild_rollups():
    rollups.rebuild_all()


@shared_task
def send_scheduled_reports():
    """Email each active schedule's latest complete period, once (SentReport claims it)."""
    from reports.schedules import send_due_reports

    return [sent.pk for sent in send_due_reports()]
