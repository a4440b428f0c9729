from datetime import date

from celery import shared_task
from django.utils import timezone

from reports import rollups


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_jitter=True, max_retries=5)
def refresh_rollups(advertiser_ids, day_ranges):
    """Recompute the rollups an import touched; `day_ranges` holds ISO (first, last) pairs."""
    ranges = [(date.fromisoformat(first), date.fromisoformat(last)) for first, last in day_ranges]
    rollups.refresh(advertiser_ids, ranges)


@shared_task
def bump_cache_version():
    """Make cached dashboards stale, once the cache answers again (retried until it does)."""
    if not rollups.bump_version_now():
        raise ConnectionError("the cache is still unreachable")


@shared_task
def rebuild_rollups():
    rollups.rebuild_all()


@shared_task
def send_scheduled_reports():
    """Beat: one task per active schedule, so each report is a small unit well within the time
    limit and a killed worker redoes one report, not all of them."""
    from reports.models import ReportSchedule

    today = timezone.localdate().isoformat()
    schedule_ids = list(ReportSchedule.objects.filter(is_active=True).values_list("pk", flat=True))
    for schedule_id in schedule_ids:
        send_scheduled_report.delay_on_commit(schedule_id, today)
    return schedule_ids


@shared_task
def send_scheduled_report(schedule_id, today):
    """Queue one schedule's latest complete period, once (its SentReport claims it)."""
    from reports.account_report import ReportPeriod
    from reports.models import ReportSchedule
    from reports.schedules import send_for_period

    schedule = ReportSchedule.objects.filter(pk=schedule_id, is_active=True).first()
    if schedule is not None:
        day = date.fromisoformat(today)
        sent = send_for_period(schedule, ReportPeriod.last_complete(schedule.period, day), day)
        return sent and sent.pk


@shared_task
def resume_stuck_reports():
    """Beat: reports a crash left "sending" are queued again or given their outcome."""
    from reports.schedules import resume_stuck_reports as resume

    return [sent.pk for sent in resume()]
