"""Best time to post: engagement rate by weekday and hour of publication (business time zone).

A cell's rate is pooled (its posts' engagement over their impressions), so one post with ten
impressions cannot top the map. A cell with fewer than `min_posts` posts is shown greyed out and
never recommended: too few posts to say anything.
"""

from dataclasses import dataclass

import pandas as pd

WEEKDAYS = range(7)
HOURS = range(24)
MIN_POSTS = 3
RECOMMENDED = 5


@dataclass(frozen=True)
class Cell:
    weekday: int
    hour: int
    posts: int
    rate: float | None  # engagement / impressions, None without impressions
    enough: bool
    shade: int  # 0-100: the rate relative to the best cell with enough posts


@dataclass(frozen=True)
class Heatmap:
    rows: list  # [(weekday, [Cell for each hour])]
    recommended: list  # best cells with enough posts, best first
    total_posts: int
    min_posts: int


def cell_table(frame):
    """weekday × hour -> posts, engagement, impressions and rate, for cells with posts."""
    if frame.empty:
        return pd.DataFrame(columns=["weekday", "hour", "posts", "engagement", "impressions", "rate"])
    cells = (frame.groupby(["weekday", "hour"])
             .agg(posts=("pk", "size"), engagement=("engagement", "sum"), impressions=("impressions", "sum"))
             .reset_index())
    cells["rate"] = cells["engagement"].where(cells["impressions"] > 0) / cells["impressions"].where(
        cells["impressions"] > 0)
    return cells


def heatmap(frame, *, min_posts=MIN_POSTS, recommended=RECOMMENDED):
    cells = cell_table(frame)
    enough = cells[(cells["posts"] >= min_posts) & cells["rate"].notna()]
    best = float(enough["rate"].max()) if not enough.empty else 0.0
    by_slot = {(int(row.weekday), int(row.hour)): row for row in cells.itertuples(index=False)}
    rows = []
    for weekday in WEEKDAYS:
        hours = []
        for hour in HOURS:
            row = by_slot.get((weekday, hour))
            posts = int(row.posts) if row is not None else 0
            rate = None if row is None or pd.isna(row.rate) else float(row.rate)
            is_enough = posts >= min_posts and rate is not None
            shade = round(100 * rate / best) if is_enough and best else 0
            hours.append(Cell(weekday, hour, posts, rate, is_enough, shade))
        rows.append((weekday, hours))
    top = enough.sort_values(["rate", "posts"], ascending=[False, False]).head(recommended)
    shown = {(cell.weekday, cell.hour): cell for _weekday, hours in rows for cell in hours}
    slots = [shown[(int(row.weekday), int(row.hour))] for row in top.itertuples(index=False)]
    return Heatmap(rows=rows, recommended=slots, total_posts=int(cells["posts"].sum()) if not cells.empty else 0,
                   min_posts=min_posts)
