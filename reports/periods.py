"""Calendar periods of the rollups: days, ISO weeks (starting Monday) and months.

`cover(start, end)` splits a date range into the fewest whole periods that tile it exactly, so a
sum over any range reads a handful of week and month rows instead of one row per day.
"""

from datetime import date, timedelta

DAY, WEEK, MONTH = "day", "week", "month"
PERIODS = (DAY, WEEK, MONTH)


def week_start(day):
    return day - timedelta(days=day.weekday())


def month_start(day):
    return day.replace(day=1)


def next_month_start(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_start(period, day):
    if period == WEEK:
        return week_start(day)
    if period == MONTH:
        return month_start(day)
    return day


def period_end(period, start):
    if period == WEEK:
        return start + timedelta(days=6)
    if period == MONTH:
        return next_month_start(start) - timedelta(days=1)
    return start


def cover(start, end, periods=PERIODS):
    """{period: [period starts]} tiling [start, end] exactly with no overlap.

    Whole months are taken where they fit; whole weeks only where they do not cross a month
    boundary (so a later month can still start cleanly); single days fill the edges.
    """
    pieces = {period: [] for period in PERIODS}
    day = start
    while day <= end:
        if MONTH in periods and day.day == 1 and period_end(MONTH, day) <= end:
            pieces[MONTH].append(day)
            day = next_month_start(day)
            continue
        week_end = day + timedelta(days=6)
        month_boundary_ok = MONTH not in periods or week_end < next_month_start(day)
        if WEEK in periods and day.weekday() == 0 and week_end <= end and month_boundary_ok:
            pieces[WEEK].append(day)
            day = week_end + timedelta(days=1)
            continue
        pieces[DAY].append(day)
        day += timedelta(days=1)
    return pieces


def ranges_of(days):
    """Sorted days compressed into inclusive (first, last) runs of consecutive days."""
    runs = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(first, last) for first, last in runs]


def periods_touched(period, day_ranges):
    """The (first start, last start) runs of `period` that contain any of the given day ranges."""
    return [(period_start(period, first), period_start(period, last)) for first, last in day_ranges]
