"""Feedback numbers: NPS, rating and sentiment trends, response times and recurring topics.

NPS = % promoters (scores 9-10) - % detractors (0-6) among everyone who gave a score, from
-100 to +100, rounded to one decimal; no scores gives None ("no data"), never a misleading 0.
Aggregation happens in SQL; only response times and topic counting read rows, and only over the
window the caller chose.
"""

import math
import re
from collections import Counter
from datetime import timedelta

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.models import Feedback

PROMOTER_MIN = 9
DETRACTOR_MAX = 6
DIMENSIONS = {"account": "account__name", "campaign": "campaign__name", "kind": "kind"}


def nps(promoters, detractors, total):
    if not total:
        return None
    return round((promoters - detractors) * 100 / total, 1)


def nps_of(scores):
    scores = [score for score in scores if score is not None]
    promoters = sum(1 for score in scores if score >= PROMOTER_MIN)
    detractors = sum(1 for score in scores if score <= DETRACTOR_MAX)
    return nps(promoters, detractors, len(scores))


SUMMARY = {
    "count": Count("pk"),
    "avg_rating": Avg("rating"),
    "rated": Count("rating"),
    "scored": Count("nps"),
    "promoters": Count("pk", filter=Q(nps__gte=PROMOTER_MIN)),
    "detractors": Count("pk", filter=Q(nps__lte=DETRACTOR_MAX)),
    "positive": Count("pk", filter=Q(sentiment=Feedback.Sentiment.POSITIVE)),
    "negative": Count("pk", filter=Q(sentiment=Feedback.Sentiment.NEGATIVE)),
    "open": Count("pk", filter=Q(status__in=Feedback.OPEN_STATUSES)),
}


def _with_nps(row):
    row["nps"] = nps(row["promoters"], row["detractors"], row["scored"])
    row["negative_share"] = round(row["negative"] * 100 / row["count"], 1) if row["count"] else None
    return row


def summary(feedback):
    return _with_nps(feedback.aggregate(**SUMMARY))


def monthly_trend(feedback, months=12):
    since = timezone.now() - timedelta(days=31 * months)
    rows = (feedback.filter(received_at__gte=since).order_by()
            .annotate(month=TruncMonth("received_at")).values("month")
            .annotate(**SUMMARY).order_by("month"))
    return [_with_nps(row) for row in rows]


def breakdown(feedback, dimension, limit=15):
    field = DIMENSIONS[dimension]
    rows = (feedback.exclude(**{f"{field}__isnull": True}).order_by().values(field)
            .annotate(**SUMMARY).order_by("-count")[:limit])
    return [_with_nps({**row, "label": row[field]}) for row in rows]


def percentile(values, fraction):
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    values = sorted(values)
    if not values:
        return None
    position = (len(values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def response_times(feedback):
    """Median and p90 hours to first response and to resolution."""
    rows = feedback.order_by().values_list("received_at", "first_response_at", "resolved_at")
    first, resolved = [], []
    for received, responded, done in rows:
        if responded:
            first.append((responded - received).total_seconds() / 3600)
        if done:
            resolved.append((done - received).total_seconds() / 3600)
    return {
        "first_response": {"median": percentile(first, 0.5), "p90": percentile(first, 0.9), "n": len(first)},
        "resolution": {"median": percentile(resolved, 0.5), "p90": percentile(resolved, 0.9), "n": len(resolved)},
    }


STOPWORDS_EN = frozenset(str.split("""
a an the and or but if then than so of to in on at by for with from into about as is are was were be
been being am do does did have has had i me my we our you your he she it its they them their this
that these those there here what which who whom when where why how all any both each few more most
other some such no nor not only own same too very can will just should would could also get got
us please really still even much many one two again up down out over very our ours yours
"""))
STOPCHARS_ZH = frozenset("的了是在和有我你他她它们这那就也都很还吗呢吧啊呀与及或但而被把给让对于")
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def terms_of(text):
    """English words without stopwords plus Chinese character bigrams, each counted once."""
    text = (text or "").lower()
    terms = {word for word in _WORD.findall(text) if word not in STOPWORDS_EN}
    for run in _HAN.findall(text):
        terms.update(run[i:i + 2] for i in range(len(run) - 1)
                     if not (set(run[i:i + 2]) & STOPCHARS_ZH))
    return terms


def top_topics(feedback, limit=10, sample=2000):
    """The terms most feedback items mention (from the latest `sample` items)."""
    counts = Counter()
    for text in feedback.order_by("-received_at").values_list("text", flat=True)[:sample]:
        counts.update(terms_of(text))
    return [{"term": term, "count": count} for term, count in counts.most_common(limit) if count > 1]
