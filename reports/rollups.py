"""Facts -> rollups, in SQL, in layers: day rows from the fact table, week and month rows from
the day rows. Only additive sums are stored; KPIs are derived when reading (reports.kpis).

`refresh(advertiser_ids, day_ranges)` recomputes exactly the keys and periods an import touched;
`rebuild_all()` recomputes everything. Both run the same statements (the rebuild simply without
a WHERE on advertisers and days), so they give the same rows. Each refresh deletes the rows of
its window and inserts them again from the source, which makes it idempotent and also drops
keys that no longer have facts; `ON CONFLICT DO UPDATE` keeps two concurrent refreshes of the
same window from failing (both write the same sums).
"""

from django.core.cache import cache
from django.db import connection, transaction

from reports.kpis import COUNTERS
from reports.models import NO_KEY, Rollup
from reports.periods import DAY, MONTH, WEEK, period_end, periods_touched

TABLE = Rollup._meta.db_table
VERSION_KEY = "reports:rollup-version"
KEY_COLUMNS = ("grain", "period", "period_start", "advertiser_id", "campaign_id", "publisher_id",
               "platform")

# grain -> (campaign, publisher, platform) expressions over the fact table `f`.
GRAIN_KEYS = {
    Rollup.Grain.CAMPAIGN: ("f.campaign_id", str(NO_KEY), "''"),
    Rollup.Grain.ADVERTISER: (str(NO_KEY), str(NO_KEY), "''"),
    Rollup.Grain.PUBLISHER: (str(NO_KEY), "f.publisher_id", "f.platform"),
    Rollup.Grain.PLATFORM: (str(NO_KEY), str(NO_KEY), "f.platform"),
}


def refresh(advertiser_ids, day_ranges):
    """Recompute the rollups of these advertisers for the days in these (first, last) ranges."""
    advertiser_ids = sorted({int(pk) for pk in advertiser_ids})
    if not advertiser_ids or not day_ranges:
        return
    with transaction.atomic():
        _tune_session()
        _rebuild_days(advertiser_ids, day_ranges)
        for period in (WEEK, MONTH):
            _rebuild_period(period, advertiser_ids, periods_touched(period, day_ranges))
    transaction.on_commit(bump_version)


def rebuild_all():
    """Every rollup row from scratch (`manage.py rebuild_rollups`)."""
    with transaction.atomic():
        _tune_session()
        _delete_all()
        _rebuild_days(None, None)
        for period in (WEEK, MONTH):
            _rebuild_period(period, None, None)
    transaction.on_commit(bump_version)


def bump_version():
    """Readers cache by this version, so a refresh makes every cached dashboard stale at once.

    With Redis unreachable the bump waits in the task outbox and happens when Redis is back, or
    dashboards cached before the refresh would be shown again.
    """
    if not bump_version_now():
        from reports.tasks import bump_cache_version

        bump_cache_version.delay_on_commit()


def bump_version_now():
    """True when the cache took the new version (django-redis answers None when unreachable)."""
    try:
        return cache.incr(VERSION_KEY) is not None
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
        return True


def current_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def _rebuild_days(advertiser_ids, day_ranges):
    where, params = _window("c.advertiser_id", "f.day", advertiser_ids, day_ranges)
    _delete(DAY, advertiser_ids, day_ranges)
    for grain, (campaign, publisher, platform) in GRAIN_KEYS.items():
        sums = ", ".join(f"SUM(f.{name})" for name in COUNTERS)
        group_by = ", ".join(
            ["f.day", "c.advertiser_id", *[k for k in (campaign, publisher, platform) if "f." in k]]
        )
        _execute(
            f"INSERT INTO {TABLE} ({', '.join(KEY_COLUMNS)}, {', '.join(COUNTERS)}) "  # noqa: S608 - identifiers from code, values as parameters
            f"SELECT '{grain}', '{DAY}', f.day, c.advertiser_id, {campaign}, {publisher}, {platform}, {sums} "
            "FROM campaigns_dailyperformance f "
            "JOIN campaigns_campaign c ON c.id = f.campaign_id "
            f"WHERE {where} GROUP BY {group_by} {_on_conflict()}",
            params,
        )


def _rebuild_period(period, advertiser_ids, period_ranges):
    """Week or month rows summed from the day rows (a layer, never from raw facts)."""
    _delete(period, advertiser_ids, period_ranges)
    source_ranges = None
    if period_ranges is not None:
        source_ranges = [(first, period_end(period, last)) for first, last in period_ranges]
    where, params = _window("advertiser_id", "period_start", advertiser_ids, source_ranges)
    start = _truncate(period, "period_start")
    sums = ", ".join(f"SUM({name})" for name in COUNTERS)
    _execute(
        f"INSERT INTO {TABLE} ({', '.join(KEY_COLUMNS)}, {', '.join(COUNTERS)}) "  # noqa: S608 - identifiers from code, values as parameters
        f"SELECT grain, '{period}', {start}, advertiser_id, campaign_id, publisher_id, platform, {sums} "
        f"FROM {TABLE} WHERE period = '{DAY}' AND {where} "
        f"GROUP BY grain, {start}, advertiser_id, campaign_id, publisher_id, platform {_on_conflict()}",
        params,
    )


def _delete(period, advertiser_ids, ranges):
    where, params = _window("advertiser_id", "period_start", advertiser_ids, ranges)
    _execute(f"DELETE FROM {TABLE} WHERE period = %s AND {where}", [period, *params])  # noqa: S608 - identifiers from code, values as parameters


def _delete_all():
    if connection.vendor == "postgresql":
        _execute(f"TRUNCATE {TABLE}", [])  # no dead tuples: a rebuild never bloats the table
    else:
        _execute(f"DELETE FROM {TABLE}", [])  # noqa: S608 - identifiers from code, values as parameters


def _window(advertiser_column, day_column, advertiser_ids, day_ranges):
    """A WHERE fragment limiting to advertisers and day ranges (None: no limit)."""
    clauses, params = ["1 = 1"], []
    if advertiser_ids is not None:
        clauses.append(f"{advertiser_column} IN ({', '.join(['%s'] * len(advertiser_ids))})")
        params.extend(advertiser_ids)
    if day_ranges is not None:
        clauses.append("(" + " OR ".join([f"{day_column} BETWEEN %s AND %s"] * len(day_ranges)) + ")")
        for first, last in day_ranges:
            params.extend([first, last])
    return " AND ".join(clauses), params


def _truncate(period, column):
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('{period}', {column}) AS date)"
    if period == WEEK:
        return f"date({column}, '-6 days', 'weekday 1')"  # the Monday on or before the day
    return f"date({column}, 'start of month')"


def _on_conflict():
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in COUNTERS)
    return f"ON CONFLICT ({', '.join(KEY_COLUMNS)}) DO UPDATE SET {updates}"


def _tune_session():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL jit = off")


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
