"""The performance import end to end on a 1M-line export, beside its two references, in one run:

1. raw COPY: the export's CSV text `COPY`ed into an UNLOGGED table of text columns (the floor of
   reading a file into PostgreSQL, no typing, no key);
2. staging + upsert: the same rows, already typed (ids, dates, numbers), `COPY`ed into a temporary
   staging table, then `INSERT ... ON CONFLICT DO UPDATE ... WHERE ... IS DISTINCT FROM` into the
   empty fact table (the import's honest ceiling);
3. end to end: the product's own path, in a child process so its peak memory is its own:
   `imports.services.upload_file` (hash + store + header + line count), `save_mapping` -> the
   check (read once, type, resolve names, spool the good rows as binary COPY records, keys
   combined), `start_commit` -> the commit (permissions re-checked, the spool streamed into
   `COPY ... (FORMAT binary)` + upsert in 100k-row chunks, ANALYZE). Then the rollup refresh of
   what it wrote, timed apart;
4. end to end, straight away: the same, with "import straight away when every row is good"
   ticked at the mapping step: the check's task upserts each checked chunk on a second connection
   while it reads on (imports.early_write) and commits when the whole file is good.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialcrm_h2 \
    .venv/bin/python bench/import_benchmark.py [--lines 1000000]

It REPLACES the database's facts and rollups (it uses facts_benchmark's world: 500 campaigns x 20
publisher/platform series = 10,000 lines a day). Not part of the test suite.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
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
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

EXPORT_HEADER = ["Date", "Campaign", "Publisher", "Platform", "Impressions", "Reach", "Clicks",
                 "Conversions", "Cost", "Revenue", "Likes", "Comments", "Shares", "New followers"]


def write_files(series, days, export_path, typed_path):
    """The platform export (thousands separators, ¥, YYYY/MM/DD, names) and the same rows typed."""
    import random

    from accounts.models import Account
    from bench.facts_benchmark import day_records
    from campaigns.models import Campaign

    campaign_names = dict(Campaign.objects.values_list("pk", "name"))
    publisher_names = dict(Account.objects.publishers().values_list("pk", "name"))
    rng = random.Random(11)
    cent = Decimal("0.01")
    with open(export_path, "w", newline="", encoding="utf-8") as export, \
            open(typed_path, "w", newline="", encoding="utf-8") as typed:
        export_rows, typed_rows = csv.writer(export), csv.writer(typed)
        export_rows.writerow(EXPORT_HEADER)
        for day in days:
            for r in day_records(series, day, rng):
                spend, revenue = r[8].quantize(cent), r[9].quantize(cent)
                export_rows.writerow([day.strftime("%Y/%m/%d"), campaign_names[r[0]], publisher_names[r[1]],
                                      r[2], f"{r[4]:,}", r[5], r[6], r[7], f"¥{spend:,.2f}", f"{revenue:.2f}",
                                      *r[10:]])
                typed_rows.writerow([*r[:4], *r[4:8], spend, revenue, *r[10:]])


def truncate_facts():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE campaigns_dailyperformance, reports_rollup")
        cursor.execute("VACUUM ANALYZE campaigns_dailyperformance")


def copy_file(cursor, table, columns, path, header):
    with open(path, "rb") as stream, \
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, HEADER {header})") as copy:
        while block := stream.read(1024 * 1024):
            copy.write(block)


def raw_copy(export_path, lines):
    from django.db import connection, transaction

    columns = ", ".join(f"c{n}" for n in range(len(EXPORT_HEADER)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_export")
        cursor.execute(f"CREATE UNLOGGED TABLE bench_raw_export ({', '.join(f'c{n} text' for n in range(len(EXPORT_HEADER)))})")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        copy_file(cursor, "bench_raw_export", columns, export_path, header=True)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_export")
    return {"seconds": seconds, "rows_per_s": lines / seconds}


def staging_upsert(typed_path, lines):
    from django.db import connection, transaction

    from imports.writer import FACT_COLUMNS, KEY, TABLE, _distinct_clause, _set_clause
    from reports.kpis import COUNTERS

    truncate_facts()
    columns = ", ".join(FACT_COLUMNS)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE bench_staging ON COMMIT DROP AS SELECT {columns} FROM {TABLE} WITH NO DATA")
        copy_file(cursor, "bench_staging", columns, typed_path, header=False)
        cursor.execute(f"INSERT INTO {TABLE} AS f ({columns}) SELECT {columns} FROM bench_staging "
                       f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {_set_clause(COUNTERS)} "
                       f"WHERE {_distinct_clause(COUNTERS)}")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows_per_s": lines / seconds}


def end_to_end_in_child(export_path, lines, straight_away=False):
    truncate_facts()
    command = [sys.executable, __file__, "--end-to-end", str(export_path), "--lines", str(lines)]
    output = subprocess.run([*command, *(["--straight-away"] if straight_away else [])],
                            check=True, capture_output=True, text=True, env=os.environ).stdout
    return json.loads(output.strip().splitlines()[-1])


def end_to_end(export_path, lines, straight_away=False):
    """Runs in the child: the import's own services, as the web request and the Celery tasks call them.
    `straight_away`: the user ticked "import straight away when every row is good" at the mapping
    step, so the check's task also commits (writing during the check on a second connection)."""
    import django

    django.setup()
    from django.core.files import File

    from accounts.models import User
    from imports import services
    from imports.models import ImportJob
    from reports.tasks import refresh_rollups

    queued = []
    refresh_rollups.delay_on_commit = lambda advertisers, ranges: queued.append((advertisers, ranges))
    database = time_database_work()
    admin = User.objects.get(username="bench-admin")
    ImportJob.objects.filter(source__name="bench export").delete()
    phases, started = {}, time.perf_counter()
    with open(export_path, "rb") as stream:
        upload = File(stream, name="bench-export.csv")
        upload.size = os.path.getsize(export_path)
        job = services.upload_file(user=admin, uploaded_file=upload, source_name="bench export")
    phases["upload_s"] = time.perf_counter() - started
    mark = time.perf_counter()
    services.save_mapping(user=admin, job=job, columns=job.columns, import_when_clean=straight_away)
    job.refresh_from_db()
    if straight_away:
        assert job.status == ImportJob.Status.DONE, (job.status, job.message, job.errors[:3])
        phases["check_and_commit_s"] = time.perf_counter() - mark
    else:
        assert job.status == ImportJob.Status.VALIDATED, (job.status, job.message, job.errors[:3])
        phases["check_s"] = time.perf_counter() - mark
        mark = time.perf_counter()
        services.start_commit(user=admin, job=job, mode=ImportJob.Mode.ALL_OR_NOTHING)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, (job.status, job.message)
        phases["commit_s"] = time.perf_counter() - mark
        phases["database_s"] = dict(database)  # of upload, check and commit, not of the refresh below
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mib = usage.ru_maxrss / 1024
    phases["cpu_s"] = usage.ru_utime + usage.ru_stime  # the import's own CPU, whatever the machine's load
    mark = time.perf_counter()
    for advertisers, ranges in queued:  # what the import queued, run as the worker would
        refresh_rollups(advertisers, ranges)
    refresh = time.perf_counter() - mark
    print(json.dumps({"seconds": seconds, "rows_per_s": lines / seconds, "inserted": job.inserted,
                      "peak_rss_mib": peak_mib, **phases, "rollup_refresh_s": refresh}))


def time_database_work():
    """Seconds spent in the upsert statements, ANALYZE and transaction commits (where the deferred
    foreign-key checks run), summed; the rest of the commit phase is Python and the COPY."""
    from collections import Counter

    from django.db import connection

    spent = Counter()

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            kind = "upsert" if "ON CONFLICT" in sql else "analyze" if sql.startswith("ANALYZE") else "other"
            spent[kind] += time.perf_counter() - started

    connection.ensure_connection()
    connection.execute_wrappers.append(timed)
    commit = connection.commit

    def timed_commit():
        started = time.perf_counter()
        try:
            return commit()
        finally:
            spent["commit"] += time.perf_counter() - started

    connection.commit = timed_commit
    return spent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--end-to-end")
    parser.add_argument("--straight-away", action="store_true")
    args = parser.parse_args()
    if args.end_to_end:
        return end_to_end(Path(args.end_to_end), args.lines, straight_away=args.straight_away)

    from bench.facts_benchmark import (
        build_world,
        django_today,
        ensure_database,
        machine,
        setup_django,
    )

    ensure_database()
    setup_django()
    _admin, _executive, series = build_world()
    today = django_today()
    days = [today - timedelta(days=n) for n in range(-(-args.lines // len(series)), 0, -1)]
    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    export_path, typed_path = workdir / "export.csv", workdir / "typed.csv"
    write_files(series, days, export_path, typed_path)
    lines = len(series) * len(days)
    results = {"machine": machine(), "lines": lines, "export_mib": export_path.stat().st_size / 2**20,
               "load_average_before": os.getloadavg()}
    results["raw_copy"] = raw_copy(export_path, lines)
    results["staging_upsert"] = staging_upsert(typed_path, lines)
    results["end_to_end"] = end_to_end_in_child(export_path, lines)
    results["end_to_end_straight_away"] = end_to_end_in_child(export_path, lines, straight_away=True)
    results["straight_away_vs_staging_upsert"] = (results["end_to_end_straight_away"]["rows_per_s"]
                                                  / results["staging_upsert"]["rows_per_s"])
    results["end_to_end_vs_staging_upsert"] = (results["end_to_end"]["rows_per_s"]
                                               / results["staging_upsert"]["rows_per_s"])
    results["load_average_after"] = os.getloadavg()
    print(json.dumps(results, indent=2, default=str))
    (ROOT / "bench" / "import_results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    export_path.unlink()
    typed_path.unlink()


if __name__ == "__main__":
    main()
