"""Reads of performance numbers. Dashboards and rules call these, never the fact table directly."""

from django.db.models import Sum

from campaigns.models import DailyPerformance
from reports.kpis import COUNTERS


def campaign_sums(campaign_ids, start, end):
    """{campaign_id: {counter: sum}} over [start, end] for the given campaigns."""
    rows = (
        DailyPerformance.objects.filter(campaign_id__in=campaign_ids, day__range=(start, end))
        .values("campaign_id")
        .annotate(**{name: Sum(name) for name in COUNTERS})
    )
    return {row.pop("campaign_id"): row for row in rows}
