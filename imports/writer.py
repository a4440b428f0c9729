"""Fact records -> the fact table, idempotently: an upsert on the natural key
(campaign, publisher, platform, day) that leaves identical rows untouched.

PostgreSQL: COPY into a temporary staging table, then one INSERT ... ON CONFLICT DO UPDATE
(the fast path measured in /bench). SQLite: the same upsert row by row through executemany.
Only the counters the file mapped are updated, so a file without revenue never wipes revenue
another file brought in. Large files are written in chunks (`write_in_chunks`) inside the caller's
transaction, so memory stays bounded and progress can be shown; after a large load the fact table
is ANALYZEd, or the rollup refresh right after it plans on stale statistics (49 s instead of 9 s
for 1M rows, docs/performance.md).
"""

from dataclasses import dataclass, field
from itertools import islice

from django.db import connection

from campaigns.models import DailyPerformance
from reports.kpis import COUNTERS

TABLE = DailyPerformance._meta.db_table
KEY = ("campaign_id", "publisher_id", "platform", "day")
CHUNK_ROWS = 50_000
ANALYZE_AFTER_ROWS = 20_000  # below this autovacuum's own analyse keeps up
FACT_COLUMNS = (*KEY, *COUNTERS)


@dataclass
class Written:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    campaign_ids: set = field(default_factory=set)
    days: set = field(default_factory=set)

    @property
    def changed(self):
        return self.inserted + self.updated

    def add(self, other):
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.campaign_ids |= other.campaign_ids
        self.days |= other.days
        return self


def write_in_chunks(records, counters=COUNTERS, *, chunk_rows=CHUNK_ROWS, progress=None):
    """Upsert an iterable of records chunk by chunk (call inside a transaction: a failure in any
    chunk rolls back them all). `progress(rows_done)` is called after each chunk."""
    written, done, rows = Written(), 0, iter(records)
    while chunk := list(islice(rows, chunk_rows)):
        written.add(upsert_facts(chunk, counters))
        done += len(chunk)
        if progress:
            progress(done)
    return written


def analyze_after_large_load(written):
    """Refresh the planner's statistics of the fact table when a load changed many rows."""
    if connection.vendor == "postgresql" and written.changed >= ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        return True
    return False


def upsert_facts(records, counters=COUNTERS):
    """Write records (tuples in FACT_COLUMNS order); returns what changed. Call inside a transaction."""
    if not records:
        return Written()
    if connection.vendor == "postgresql":
        return _upsert_postgres(records, counters)
    return _upsert_portable(records, counters)


def _upsert_postgres(records, counters):
    columns = ", ".join(FACT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS fact_staging ON COMMIT DELETE ROWS AS "  # noqa: S608 - identifiers from code, values as parameters
            f"SELECT {columns} FROM {TABLE} WITH NO DATA"
        )
        cursor.execute("TRUNCATE fact_staging")
        with cursor.copy(f"COPY fact_staging ({columns}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)
        changed = _distinct_clause(counters)
        cursor.execute(
            f"WITH written AS (INSERT INTO {TABLE} AS f ({columns}) "  # noqa: S608 - identifiers from code, values as parameters
            f"SELECT {columns} FROM fact_staging "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {_set_clause(counters)} WHERE {changed} "
            "RETURNING (xmax = 0) AS inserted, campaign_id, day) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), "
            "array_agg(DISTINCT campaign_id), array_agg(DISTINCT day) FROM written"
        )
        inserted, updated, campaign_ids, days = cursor.fetchone()
    return Written(inserted=inserted, updated=updated, unchanged=len(records) - inserted - updated,
                   campaign_ids=set(campaign_ids or ()), days=set(days or ()))


def _upsert_portable(records, counters):
    """Compare with the stored rows first, then upsert only what is new or different."""
    existing = _existing(records, counters)
    written, changed_records = Written(), []
    for record in records:
        before = existing.get(record[:4])
        values = _mapped_values(record, counters)
        if before == values:
            written.unchanged += 1
            continue
        if before is None:
            written.inserted += 1
        else:
            written.updated += 1
        changed_records.append(record)
        written.campaign_ids.add(record[0])
        written.days.add(record[3])
    if changed_records:
        placeholders = ", ".join(["%s"] * len(FACT_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} ({', '.join(FACT_COLUMNS)}) VALUES ({placeholders}) "  # noqa: S608 - identifiers from code, values as parameters
                f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {_set_clause(counters)}",
                changed_records,
            )
    return written


def _existing(records, counters):
    campaign_ids = {record[0] for record in records}
    days = [record[3] for record in records]
    rows = DailyPerformance.objects.filter(
        campaign_id__in=campaign_ids, day__range=(min(days), max(days))
    ).values_list(*KEY, *counters)
    return {row[:4]: tuple(row[4:]) for row in rows}


def _mapped_values(record, counters):
    by_name = dict(zip(FACT_COLUMNS, record, strict=True))
    return tuple(by_name[name] for name in counters)


def _set_clause(counters):
    return ", ".join(f"{name} = EXCLUDED.{name}" for name in counters)


def _distinct_clause(counters):
    stored = ", ".join(f"f.{name}" for name in counters)
    incoming = ", ".join(f"EXCLUDED.{name}" for name in counters)
    return f"({stored}) IS DISTINCT FROM ({incoming})"
