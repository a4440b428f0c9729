"""Content performance: what kind of post works, by content type, format and text length.

Medians and the spread between the 25th and 75th percentile of the per-post engagement rate,
not just averages: one viral post must not make a format look good.
"""

import pandas as pd

LENGTH_BUCKETS = (0, 30, 100, 300, 10**9)
LENGTH_LABELS = ("≤30", "31–100", "101–300", ">300")
DIMENSIONS = ("content_type", "format", "length_bucket")


def performance(frame, dimension, labels=None):
    """One row per value of `dimension`: posts, median, p25, p75 and mean engagement rate.
    `labels`: {dimension: {value: label}} for values shown by name."""
    names = (labels or {}).get(dimension, {})
    if frame.empty:
        return []
    frame = frame[frame["impressions"] > 0].copy()
    if frame.empty:
        return []
    frame["rate"] = frame["engagement"] / frame["impressions"]
    frame["length_bucket"] = pd.cut(frame["text_length"], bins=LENGTH_BUCKETS, labels=LENGTH_LABELS,
                                    include_lowest=True, right=True).astype(str)
    grouped = frame.groupby(dimension)["rate"]
    table = pd.DataFrame({
        "posts": grouped.size(), "median": grouped.median(), "p25": grouped.quantile(0.25),
        "p75": grouped.quantile(0.75), "mean": grouped.mean(),
    }).reset_index().sort_values("median", ascending=False)
    return [{"value": names.get(row[dimension], row[dimension]) or "–", "posts": int(row["posts"]), "median": float(row["median"]),
             "p25": float(row["p25"]), "p75": float(row["p75"]), "mean": float(row["mean"])}
            for _index, row in table.iterrows()]
