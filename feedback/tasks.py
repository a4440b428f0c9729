from celery import shared_task

from feedback import services


@shared_task
def flag_sla_breaches():
    """Beat job (every 15 minutes): flag overdue feedback and notify owners, once each."""
    return services.flag_sla_breaches()
