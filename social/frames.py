"""Posts as pandas frames: read once, in the business time zone, for the analyses."""

import pandas as pd
from django.utils import timezone

from social.metrics import COUNTERS, with_engagement

FIELDS = ("pk", "profile_id", "profile__platform", "published_at", "content_type", "format",
          "variant_label", "text_length", *COUNTERS)
MAX_POSTS = 200_000  # an analysis reads at most this many of the newest posts


def post_frame(posts):
    """A frame of `posts` (a queryset already limited to what the user may see) with local
    `weekday` (0 = Monday) and `hour` columns and `engagement`."""
    rows = list(posts.order_by("-published_at").values_list(*FIELDS)[:MAX_POSTS])
    frame = pd.DataFrame(rows, columns=[name.replace("profile__", "") for name in FIELDS])
    if frame.empty:
        return frame.assign(weekday=pd.Series(dtype=int), hour=pd.Series(dtype=int), engagement=0)
    local = pd.to_datetime(frame["published_at"], utc=True).dt.tz_convert(timezone.get_current_timezone_name())
    frame["weekday"] = local.dt.day_of_week
    frame["hour"] = local.dt.hour
    for name in COUNTERS:
        frame[name] = frame[name].astype("int64")
    return with_engagement(frame)
