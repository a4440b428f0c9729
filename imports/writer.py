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
from decimal import Decimal
from itertools import islice

import pandas as pd
from django.db import connection

from campaigns.models import DailyPerformance
from imports.columns import MONEY_FIELDS
from reports.kpis import COUNTERS

TABLE = DailyPerformance._meta.db_table
KEY = ("campaign_id", "publisher_id", "platform", "day")
CHUNK_ROWS = 50_000
ANALYZE_AFTER_ROWS = 20_000  # below this autovacuum's own analyse keeps up
FACT_COLUMNS = (*KEY, *COUNTERS)
CENT = Decimal("0.01")
FRAME_KEY = ("campaign", "publisher", "platform", "day")  # a checked frame's names for KEY


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
    rows = iter(records)
    return _write_each(iter(lambda: list(islice(rows, chunk_rows)), []), upsert_facts, counters, progress)


def write_frames(frames, counters=COUNTERS, *, progress=None):
    """Upsert checked frames one after another (inside the caller's transaction)."""
    return _write_each(frames, upsert_frame, counters, progress)


def _write_each(chunks, write, counters, progress):
    written, done = Written(), 0
    for chunk in chunks:
        written.add(write(chunk, counters))
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
    def fill(copy):
        for record in records:
            copy.write_row(record)

    return _upsert_postgres_staged(fill, "", len(records), counters)


def upsert_frame(frame, counters=COUNTERS):
    """Write a frame of checked rows (KEY columns, counters; money in whole cents). On PostgreSQL
    the frame goes to COPY as CSV text in one vectorised step, never as a Python tuple per row."""
    if frame.empty:
        return Written()
    if connection.vendor != "postgresql":
        return upsert_facts(list(frame_records(frame, counters)), counters)
    text = _as_csv(frame, counters)
    return _upsert_postgres_staged(lambda copy: copy.write(text), "(FORMAT csv)", len(frame), counters)


def write_checked(chunks, counters=COUNTERS, *, progress=None):
    """Upsert checked records (imports.checked) chunk by chunk, inside the caller's transaction.
    PostgreSQL takes the records' bytes as they are (`COPY ... (FORMAT binary)`): no row is
    turned into Python objects or text on the way. Elsewhere they go through the portable upsert."""
    from imports import checked

    if connection.vendor != "postgresql":
        return write_frames((checked.as_frame(records) for records in chunks), counters, progress=progress)
    return _write_each(chunks, upsert_checked_records, counters, progress)


def upsert_checked_records(records, counters):
    """One chunk of checked records (imports.checked) -> COPY (FORMAT binary) + upsert; PostgreSQL."""
    from imports import checked

    if not len(records):
        return Written()
    money = {name: f"{name} * 0.01" for name in MONEY_FIELDS}  # cents -> the exact amount
    select = ", ".join(["campaign", "publisher", "(%s::text[])[platform + 1]", "day",
                        *(money.get(name, name) for name in COUNTERS)])
    columns = ", ".join(FACT_COLUMNS)
    types = {"line": "int4", "campaign": "int8", "publisher": "int8", "platform": "int2", "day": "date"}
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS fact_checked ("  # noqa: S608 - identifiers from code
            + ", ".join(f"{name} {types.get(name, 'int8')}" for name in checked.COLUMNS)
            + ") ON COMMIT DELETE ROWS")
        cursor.execute("TRUNCATE fact_checked")
        with cursor.copy("COPY fact_checked FROM STDIN (FORMAT binary)") as copy:
            copy.write(checked.COPY_HEADER)
            copy.write(records.tobytes())
            copy.write(checked.COPY_TRAILER)
        cursor.execute(
            f"WITH written AS (INSERT INTO {TABLE} AS f ({columns}) "  # noqa: S608 - identifiers from code, values as parameters
            f"SELECT {select} FROM fact_checked "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {_set_clause(counters)} WHERE {_distinct_clause(counters)} "
            "RETURNING (xmax = 0) AS inserted, campaign_id, day) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), "
            "array_agg(DISTINCT campaign_id), array_agg(DISTINCT day) FROM written",
            [list(checked.PLATFORMS)])
        inserted, updated, campaign_ids, days = cursor.fetchone()
    return Written(inserted=inserted, updated=updated, unchanged=len(records) - inserted - updated,
                   campaign_ids=set(campaign_ids or ()), days=set(days or ()))


def frame_records(frame, counters):
    """Writer tuples from a checked frame; money back from cents to exact Decimals."""
    money = {name: frame[name] for name in MONEY_FIELDS if name in frame}
    values = [frame[name] if name in frame else pd.Series(0, index=frame.index) for name in COUNTERS]
    for row in zip(*(frame[name] for name in FRAME_KEY), *values, strict=True):
        yield (int(row[0]), int(row[1]), row[2], row[3],
               *(Decimal(int(value)).scaleb(-2).quantize(CENT) if name in money else int(value)
                 for name, value in zip(COUNTERS, row[4:], strict=True)))


def _as_csv(frame, counters):
    columns = {fact: frame[name] for fact, name in zip(KEY, FRAME_KEY, strict=True)}
    for name in COUNTERS:
        cents = frame[name] if name in frame else pd.Series(0, index=frame.index)
        columns[name] = _cents_to_text(cents) if name in MONEY_FIELDS else cents
    return pd.DataFrame(columns).to_csv(index=False, header=False)


def _cents_to_text(cents):
    cents = cents.astype("int64")
    return (cents // 100).astype(str) + "." + (cents % 100).astype(str).str.zfill(2)


def _upsert_postgres_staged(fill, copy_options, count, counters):
    """COPY into a temporary staging table (`fill(copy)` writes the rows), then one upsert that
    leaves identical rows untouched."""
    columns = ", ".join(FACT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS fact_staging ON COMMIT DELETE ROWS AS "  # noqa: S608 - identifiers from code, values as parameters
            f"SELECT {columns} FROM {TABLE} WITH NO DATA"
        )
        cursor.execute("TRUNCATE fact_staging")
        with cursor.copy(f"COPY fact_staging ({columns}) FROM STDIN {copy_options}") as copy:
            fill(copy)
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
    return Written(inserted=inserted, updated=updated, unchanged=count - inserted - updated,
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


def write_period_reach(rows):
    """Store each period row's reach (campaigns.PeriodReach), replacing the figure of the same
    campaign, publisher, platform and period; returns how many rows were written."""
    from campaigns.models import PeriodReach

    for row in rows:
        PeriodReach.objects.update_or_create(
            campaign_id=row["campaign"], publisher_id=row["publisher"], platform=row["platform"],
            start_on=row["start_on"], end_on=row["end_on"], defaults={"reach": row["reach"]})
    return len(rows)
