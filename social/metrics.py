"""The rates of the social channel, defined once: the heatmap, content performance, A/B tests,
benchmarks, the API and the tests all use these.

| rate            | numerator                           | denominator  |
| --------------- | ----------------------------------- | ------------ |
| engagement rate | likes + comments + shares + saves   | impressions  |
| CTR             | clicks                              | impressions  |
| conversion rate | conversions                         | clicks       |
"""

ENGAGEMENT_KINDS = ("likes", "comments", "shares", "saves")
COUNTERS = ("impressions", "reach", *ENGAGEMENT_KINDS, "clicks", "conversions", "video_views")
RATES = {
    "engagement_rate": ("engagement", "impressions"),
    "ctr": ("clicks", "impressions"),
    "conversion_rate": ("conversions", "clicks"),
}


def with_engagement(frame):
    """The post frame with an `engagement` column (the sum of the engagement kinds)."""
    frame = frame.copy()
    frame["engagement"] = frame[list(ENGAGEMENT_KINDS)].sum(axis=1)
    return frame


def rate_parts(metric):
    """(numerator column, denominator column) of a rate."""
    return RATES[metric]


def ratio(numerator, denominator):
    return None if not denominator else numerator / denominator
