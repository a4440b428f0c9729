"""Reads of the social channel, already limited to what the user may see."""

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from django.db.models import Count, Q
from django.utils import timezone

from social.metrics import ENGAGEMENT_KINDS
from social.models import FollowerCount, Post, RightsStatus, SentimentCorrection
from socialcrm.visibility import mentions_visible_to, posts_visible_to, social_profiles_visible_to

GROWTH_DAYS = (7, 30)
BENCHMARK_DAYS = 30


@dataclass(frozen=True)
class Growth:
    profile: object
    followers: int | None
    day: object
    changes: dict  # days -> (change, percent or None)


def profiles_of(user, account):
    return social_profiles_visible_to(user).filter(account=account, archived_at__isnull=True)


def follower_growth(profiles, today=None):
    """For each profile: its latest follower count and the change over 7 and 30 days."""
    today = today or timezone.localdate()
    profiles = list(profiles)
    start = today - timedelta(days=max(GROWTH_DAYS) + 1)
    series = {}
    for profile_id, day, followers in (FollowerCount.objects.filter(profile__in=profiles, day__gte=start)
                                       .order_by("day").values_list("profile_id", "day", "followers")):
        series.setdefault(profile_id, []).append((day, followers))
    growth = []
    for profile in profiles:
        points = series.get(profile.pk, [])
        if not points:
            growth.append(Growth(profile, None, None, {}))
            continue
        last_day, last = points[-1]
        changes = {}
        for days in GROWTH_DAYS:
            before = [followers for day, followers in points if day <= last_day - timedelta(days=days)]
            if before:
                change = last - before[-1]
                changes[days] = (change, 100 * change / before[-1] if before[-1] else None)
        growth.append(Growth(profile, last, last_day, changes))
    return growth


def follower_series(profile, days=90):
    start = timezone.localdate() - timedelta(days=days)
    return list(FollowerCount.objects.filter(profile=profile, day__gte=start).order_by("day")
                .values_list("day", "followers"))


def benchmarks(user, account, now=None):
    """Brand and competitor profiles side by side: followers, growth and the median engagement
    rate of their posts over the last 30 days."""
    now = now or timezone.now()
    profiles = list(profiles_of(user, account))
    growth = {row.profile.pk: row for row in follower_growth(profiles)}
    rows = list(Post.objects.filter(profile__in=profiles, published_at__gte=now - timedelta(days=BENCHMARK_DAYS),
                                    impressions__gt=0)
                .values_list("profile_id", "impressions", *ENGAGEMENT_KINDS))
    frame = pd.DataFrame(rows, columns=["profile", "impressions", *ENGAGEMENT_KINDS])
    medians, counts = {}, {}
    if not frame.empty:
        frame["rate"] = frame[list(ENGAGEMENT_KINDS)].sum(axis=1) / frame["impressions"]
        medians = frame.groupby("profile")["rate"].median().to_dict()
        counts = frame.groupby("profile").size().to_dict()
    return [{"profile": profile, "growth": growth[profile.pk], "median_rate": medians.get(profile.pk),
             "posts": int(counts.get(profile.pk, 0))}
            for profile in sorted(profiles, key=lambda one: (one.is_competitor, one.platform))]


def mention_trend(mentions, weeks=12, now=None):
    """Per ISO week: mentions, negative ones and the negative share."""
    now = now or timezone.now()
    rows = list(mentions.filter(published_at__gte=now - timedelta(weeks=weeks))
                .values_list("published_at", "sentiment"))
    if not rows:
        return []
    frame = pd.DataFrame(rows, columns=["at", "sentiment"])
    local = pd.to_datetime(frame["at"], utc=True).dt.tz_convert(timezone.get_current_timezone_name())
    frame["week"] = local.dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time.dt.date
    frame["negative"] = frame["sentiment"] == "negative"
    frame["positive"] = frame["sentiment"] == "positive"
    table = frame.groupby("week").agg(total=("sentiment", "size"), negative=("negative", "sum"),
                                      positive=("positive", "sum")).reset_index()
    return [{"week": row.week, "total": int(row.total), "negative": int(row.negative), "positive": int(row.positive),
             "negative_share": row.negative / row.total} for row in table.itertuples(index=False)]


def ugc_showcase(user, account, limit=8):
    """User-generated posts and mentions whose reuse rights were granted."""
    granted = Q(is_ugc=True, rights_status=RightsStatus.GRANTED)
    posts = posts_visible_to(user).filter(granted, profile__account=account).select_related("profile")
    mentions = mentions_visible_to(user).filter(granted, account=account)
    items = [*posts.order_by("-published_at")[:limit], *mentions.order_by("-published_at")[:limit]]
    return sorted(items, key=lambda item: item.published_at, reverse=True)[:limit]


def sentiment_summary(mentions):
    counts = dict(mentions.values_list("sentiment").annotate(n=Count("pk")).order_by())
    corrected = SentimentCorrection.objects.filter(mention__in=mentions.values("pk")).count()
    total = sum(counts.values())
    return {"counts": counts, "total": total, "corrected": corrected,
            "corrected_share": corrected / total if total else None}


def mentions_for(user, *, account=None, sentiment="", kind="", platform=""):
    mentions = mentions_visible_to(user).select_related("account", "post", "feedback")
    if account is not None:
        mentions = mentions.filter(account=account)
    if sentiment:
        mentions = mentions.filter(sentiment=sentiment)
    if kind:
        mentions = mentions.filter(kind=kind)
    if platform:
        mentions = mentions.filter(platform=platform)
    return mentions.order_by("-published_at", "-pk")


def top_negative(mentions, limit=5):
    return list(mentions.filter(sentiment="negative").order_by("-published_at")[:limit])


