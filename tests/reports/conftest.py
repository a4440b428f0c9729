import pytest
from django.core.cache import cache
from django.db import transaction

from imports.writer import upsert_facts
from reports.models import Rollup
from reports.periods import ranges_of
from reports.tasks import refresh_rollups


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    cache.clear()


@pytest.fixture
def import_facts(django_capture_on_commit_callbacks):
    """Write fact records the way an import does and run the incremental rollup task it enqueues."""

    def write(records, counters=None):
        from campaigns.models import Campaign
        from reports.kpis import COUNTERS

        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            written = upsert_facts(records, counters or COUNTERS)
            if written.changed:
                advertisers = set(Campaign.objects.filter(pk__in=written.campaign_ids)
                                  .values_list("advertiser_id", flat=True))
                ranges = [(a.isoformat(), b.isoformat()) for a, b in ranges_of(written.days)]
                refresh_rollups.delay_on_commit(sorted(advertisers), ranges)
        return written

    return write


def rollup_rows():
    """Every rollup row as {key: counters}, for exact comparisons."""
    from reports.kpis import COUNTERS
    from reports.rollups import KEY_COLUMNS

    return {tuple(row[:7]): tuple(row[7:]) for row in
            Rollup.objects.values_list(*[c for c in KEY_COLUMNS], *COUNTERS)}
