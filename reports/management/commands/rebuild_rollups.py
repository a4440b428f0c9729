import time

from django.core.management.base import BaseCommand

from reports.models import Rollup
from reports.rollups import rebuild_all


class Command(BaseCommand):
    help = "Rebuild every day, week and month rollup from the daily facts (same rows as the incremental path)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rebuild_all()
        self.stdout.write(f"{Rollup.objects.count()} rollup rows in {time.perf_counter() - started:.2f} s")
