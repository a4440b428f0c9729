"""Fact-table benchmark: import throughput, rollup rebuild and refresh, dashboard response time
at 1 million and 10 million daily facts on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialcrm_bench \
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/facts_benchmark.py

It creates the database if needed, migrates it and REPLACES its facts, rollups and benchmark
accounts. Shape: 50 advertisers x 10 campaigns, each campaign on 20 (publisher, platform) pairs
from its advertiser's pool of 8 publishers x 5 platforms: 10,000 facts a day. 1M facts are the
latest 100 days, 10M the latest 1,000, so the dashboard's default 90-day window shows the same
keys at both sizes and only the history behind it grows. Not part of the test suite.
"""

import csv
import io
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/socialcrm_bench")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialcrm.settings")

ADVERTISERS, CAMPAIGNS_EACH, POOL_PUBLISHERS, SERIES_PER_CAMPAIGN = 50, 10, 8, 20
PLATFORMS = ("douyin", "weibo", "xiaohongshu", "bilibili", "wechat")
PUBLISHERS = 200
FACTS_PER_DAY = ADVERTISERS * CAMPAIGNS_EACH * SERIES_PER_CAMPAIGN
WARM_REQUESTS, COLD_REQUESTS = 40, 20
CHUNK_DAYS = 10


def ensure_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build_world():
    from django.db import connection

    from accounts.models import Account, User
    from campaigns.models import Campaign

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE campaigns_dailyperformance, reports_rollup")
    Campaign.objects.filter(name__startswith="bench-").delete()
    Account.objects.filter(name__startswith="bench-").delete()
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": "admin"})
    executive, _ = User.objects.get_or_create(username="bench-exec", defaults={"role": "executive"})
    rng = random.Random(2026)
    publishers = Account.objects.bulk_create(
        Account(side="publisher", kind="kol", name=f"bench-publisher-{n}", account_manager=admin)
        for n in range(PUBLISHERS))
    advertisers = Account.objects.bulk_create(
        Account(side="advertiser", kind="brand", name=f"bench-advertiser-{n}", account_manager=admin)
        for n in range(ADVERTISERS))
    today = django_today()
    series = []
    for advertiser in advertisers:
        pool = [(p.pk, plat) for p in rng.sample(publishers, POOL_PUBLISHERS) for plat in PLATFORMS]
        for n in range(CAMPAIGNS_EACH):
            campaign = Campaign.objects.create(
                name=f"bench-{advertiser.name}-{n}", advertiser=advertiser, project_lead=admin,
                account_manager=admin, start_on=today - timedelta(days=1200), launch_on=today,
                end_on=today + timedelta(days=30))
            series.extend((campaign.pk, pub, plat) for pub, plat in rng.sample(pool, SERIES_PER_CAMPAIGN))
    return admin, executive, series


def django_today():
    from django.utils import timezone

    return timezone.localdate()


def day_records(series, day, rng):
    for campaign, publisher, plat in series:
        impressions = rng.randrange(1000, 100000)
        clicks = impressions // rng.randrange(40, 120)
        spend = Decimal(clicks * rng.randrange(50, 250)) / 100
        yield (campaign, publisher, plat, day, impressions, impressions * 7 // 10, clicks,
               clicks // 25, spend, spend * Decimal(rng.randrange(80, 320)) / 100,
               impressions // 50, impressions // 400, impressions // 300, impressions // 900)


def load_days(series, days, rng):
    """Facts for these days through the import's writer (COPY + upsert); returns rows/s."""
    from django.db import transaction

    from imports.writer import upsert_facts

    rows, started = 0, time.perf_counter()
    for index in range(0, len(days), CHUNK_DAYS):
        records = [r for day in days[index:index + CHUNK_DAYS] for r in day_records(series, day, rng)]
        with transaction.atomic():
            upsert_facts([(*r[:8], r[8].quantize(Decimal("0.01")), r[9].quantize(Decimal("0.01")), *r[10:])
                          for r in records])
        rows += len(records)
    return rows / (time.perf_counter() - started)


def one_day_file(series, day, rng):
    from accounts.models import Account
    from campaigns.models import Campaign

    campaign_names = dict(Campaign.objects.values_list("pk", "name"))
    publisher_names = dict(Account.objects.publishers().values_list("pk", "name"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "Campaign", "Publisher", "Platform", "Impressions", "Reach", "Clicks",
                     "Conversions", "Cost", "Revenue", "Likes", "Comments", "Shares", "New followers"])
    for r in day_records(series, day, rng):
        writer.writerow([day.strftime("%Y/%m/%d"), campaign_names[r[0]], publisher_names[r[1]], r[2],
                         f"{r[4]:,}", r[5], r[6], r[7], f"¥{r[8]:,.2f}", f"{r[9]:.2f}", *r[10:]])
    return out.getvalue().encode("utf-8")


def import_file(admin, data):
    """The import path end to end, as the Celery task runs it: detect the layout, read and type
    the rows in chunks (imports.reader), resolve names, combine per key, upsert, then the
    incremental rollup refresh of what changed. Returns (rows/s, refresh seconds)."""
    from django.db import transaction

    from campaigns.models import Campaign
    from imports.columns import guess
    from imports.rows import Resolver, combine, read_facts, records, resolve
    from imports.services import find_layout
    from imports.writer import upsert_facts
    from reports import rollups
    from reports.kpis import COUNTERS
    from reports.periods import ranges_of

    started = time.perf_counter()
    layout = find_layout(data)
    columns, resolver, frames = guess(list(layout.headers)), Resolver(admin), []
    for chunk in read_facts(data, layout, columns):
        resolve(chunk, columns, {}, resolver)
        assert not chunk.errors, chunk.errors[:3]
        frames.append(chunk.frame)
    combined = combine(frames, layout.headers, [name for name in columns if name in COUNTERS])
    assert not combined.errors, combined.errors[:3]
    with transaction.atomic():
        written = upsert_facts(list(records(combined.frame, COUNTERS)))
    import_seconds = time.perf_counter() - started
    advertisers = Campaign.objects.filter(pk__in=written.campaign_ids).values_list("advertiser_id", flat=True)
    started = time.perf_counter()
    rollups.refresh(set(advertisers), ranges_of(written.days))
    return len(combined.frame) / import_seconds, time.perf_counter() - started


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def dashboard_times(executive, params=None):
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(executive)

    def one(clear):
        if clear:
            cache.clear()
        started = time.perf_counter()
        response = client.get("/reports/dashboard/", params or {}, secure=True)
        assert response.status_code == 200, response.status_code
        return (time.perf_counter() - started) * 1000

    cold = [one(True) for _ in range(COLD_REQUESTS)]
    one(False)
    warm = [one(False) for _ in range(WARM_REQUESTS)]
    return {"warm_median_ms": statistics.median(warm), "warm_p95_ms": percentile(warm, 95),
            "cold_median_ms": statistics.median(cold), "cold_p95_ms": percentile(cold, 95)}


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def rollup_rows():
    from reports.models import Rollup

    return Rollup.objects.count()


def vacuum():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE campaigns_dailyperformance")
        cursor.execute("VACUUM ANALYZE reports_rollup")


def measure_size(label, admin, executive, series, new_day, rng):
    from reports.rollups import rebuild_all

    vacuum()
    rebuild = timed(rebuild_all)
    vacuum()
    dashboard = dashboard_times(executive)
    import_rate, refresh = import_file(admin, one_day_file(series, new_day, rng))
    return {"facts": label, "rebuild_s": rebuild, "rollup_rows": rollup_rows(),
            "one_day_import_rows_per_s": import_rate, "incremental_refresh_s": refresh, **dashboard}


def main():
    ensure_database()
    setup_django()
    rng = random.Random(7)
    admin, executive, series = build_world()
    today = django_today()
    recent = [today - timedelta(days=n) for n in range(100, 0, -1)]
    older = [today - timedelta(days=n) for n in range(1000, 100, -1)]
    results = {"machine": machine(), "facts_per_day": FACTS_PER_DAY, "sizes": []}
    started = time.perf_counter()
    results["bulk_load_1m_rows_per_s"] = load_days(series, recent, rng)
    results["sizes"].append(measure_size("1M", admin, executive, series, today, rng))
    results["bulk_load_9m_rows_per_s"] = load_days(series, older, rng)
    results["sizes"].append(measure_size("10M", admin, executive, series, today, rng))
    results["total_minutes"] = (time.perf_counter() - started) / 60
    print(json.dumps(results, indent=2, default=str))
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")


def dashboard_only():
    """`--dashboard-only`: the dashboard figures alone, on the facts already loaded by a full run
    (migrating first), for a change of the read path: unfiltered, and narrowed to one campaign
    (the drill-down: detail grain, out-of-window days, period reach). Adds them to results.json."""
    ensure_database()
    setup_django()
    from django.db import connection

    from accounts.models import User
    from campaigns.models import Campaign

    vacuum()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM campaigns_dailyperformance")
        facts = cursor.fetchone()[0]
    executive = User.objects.get(username="bench-exec")
    campaign = Campaign.objects.filter(name__startswith="bench-").order_by("pk").first()
    figures = {"facts": facts, "machine": machine(), **dashboard_times(executive),
               "one_campaign": dashboard_times(executive, {"campaign": campaign.pk})}
    print(json.dumps(figures, indent=2, default=str))
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results["dashboard_only"] = figures
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")


def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "memory_gib": round(memory, 1), "python": platform.python_version(),
            "postgresql": server, "system": platform.platform()}


if __name__ == "__main__":
    dashboard_only() if "--dashboard-only" in sys.argv else main()
