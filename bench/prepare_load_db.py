"""Give the benchmark database (10M facts from bench/facts_benchmark.py) the demo alliance, so the
load test's users sign in as the demo roles and see pages with content.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialcrm_bench .venv/bin/python bench/prepare_load_db.py

Idempotent: does nothing when the demo users are already there. The demo's own rollups are
refreshed for its advertisers only, instead of rebuilding all 10M facts' rollups. Prints the fact
count so a missing or partial benchmark load shows.
"""

import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/socialcrm_bench")
os.environ.setdefault("SECRET_KEY", "load-test-only-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialcrm.settings")


def seed_demo_beside_the_facts():
    from django.db import transaction

    from campaigns.models import DailyPerformance
    from reports import rollups
    from reports.periods import ranges_of
    from socialcrm.demo import DEMO_ORDER, DemoContext

    ctx = DemoContext()
    with transaction.atomic():
        for app in DEMO_ORDER:
            if app == "reports":  # its seed rebuilds every rollup: minutes on 10M facts
                continue
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            module.seed(ctx)
        advertisers = {account.pk for account in ctx.advertisers}
        days = DailyPerformance.objects.filter(campaign__advertiser__in=advertisers).values_list("day", flat=True)
        rollups.refresh(advertisers, ranges_of(days.distinct()))
    return ctx


def main():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from accounts.models import User
    from campaigns.models import DailyPerformance

    if User.objects.filter(username="exec").exists():
        print("demo users already present")
    else:
        from django.test.utils import override_settings

        # The demo's notifications would email their recipients: keep those letters in memory.
        with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
            ctx = seed_demo_beside_the_facts()
        print("\n".join(ctx.log))
    print(f"{DailyPerformance.objects.count():,} facts")


if __name__ == "__main__":
    main()
