"""Best time to post and content performance, on pandas-built datasets with known answers."""

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from django.urls import reverse
from django.utils import timezone

from social import best_time, content
from social.frames import post_frame
from social.metrics import with_engagement
from social.models import Post
from tests.social.factories import PostFactory


def synthetic_posts(best=(2, 20), seed=7):
    """Four weeks of posts, three per slot per week in a few slots; `best` (Wednesday 20:00) has
    clearly the highest engagement rate, and one lucky single post sits at Sunday 3:00."""
    rng = np.random.default_rng(seed)
    slots = {(0, 9): 0.020, (2, 20): 0.060, (4, 12): 0.035, (5, 18): 0.030}
    rows = []
    for (weekday, hour), rate in slots.items():
        for index in range(12):
            impressions = int(rng.integers(5_000, 20_000))
            rows.append({"pk": len(rows), "weekday": weekday, "hour": hour, "impressions": impressions,
                         "likes": int(impressions * rate * 0.7), "comments": int(impressions * rate * 0.1),
                         "shares": int(impressions * rate * 0.1), "saves": int(impressions * rate * 0.1),
                         "content_type": "video" if index % 2 else "image", "format": "", "text_length": 40 * index})
    rows.append({"pk": len(rows), "weekday": 6, "hour": 3, "impressions": 100, "likes": 90, "comments": 0,
                 "shares": 0, "saves": 0, "content_type": "video", "format": "", "text_length": 10})
    return with_engagement(pd.DataFrame(rows))


def test_the_known_best_slot_is_recommended_first_and_thin_cells_are_greyed_out():
    heatmap = best_time.heatmap(synthetic_posts(), min_posts=3)

    first = heatmap.recommended[0]
    assert (first.weekday, first.hour, first.posts) == (2, 20, 12)
    lucky = heatmap.rows[6][1][3]
    assert lucky.posts == 1 and lucky.rate == 0.9 and not lucky.enough  # greyed, never recommended
    assert all(cell.enough for cell in heatmap.recommended)
    assert [(cell.weekday, cell.hour) for cell in heatmap.recommended] == [(2, 20), (4, 12), (5, 18), (0, 9)]
    assert heatmap.rows[2][1][20].shade == 100


def test_posting_times_are_read_in_the_business_time_zone(brand):
    # 12:30 UTC on a Wednesday is 20:30 in Shanghai.
    PostFactory(profile=brand["douyin"], published_at=datetime(2026, 11, 4, 12, 30, tzinfo=timezone.UTC))
    frame = post_frame(Post.objects.all())
    assert (frame.loc[0, "weekday"], frame.loc[0, "hour"]) == (2, 20)


def test_content_performance_uses_medians_and_spread_not_a_viral_average():
    frame = with_engagement(pd.DataFrame([
        {"pk": i, "content_type": "image", "format": "", "text_length": 20, "impressions": 1000,
         "likes": 30, "comments": 0, "shares": 0, "saves": 0} for i in range(5)
    ] + [
        {"pk": 10 + i, "content_type": "video", "format": "", "text_length": 200, "impressions": 1000,
         "likes": likes, "comments": 0, "shares": 0, "saves": 0} for i, likes in enumerate([10, 15, 20, 25, 900])
    ]))

    rows = {row["value"]: row for row in content.performance(frame, "content_type")}

    assert rows["video"]["mean"] > rows["image"]["mean"]  # one viral video drags the mean up...
    assert rows["video"]["median"] == 0.02 < rows["image"]["median"] == 0.03  # ...not the median
    assert (rows["video"]["p25"], rows["video"]["p75"]) == (0.015, 0.025)
    lengths = {row["value"]: row["posts"] for row in content.performance(frame, "length_bucket")}
    assert lengths == {"≤30": 5, "101–300": 5}


def test_the_heatmap_page_shows_counts_and_recommended_slots(brand, client_for):
    start = timezone.make_aware(datetime(2026, 10, 7, 20, 5))  # a Wednesday, 20:05 local
    for week in range(4):
        PostFactory(profile=brand["douyin"], published_at=start - timedelta(weeks=week), likes=80)
    PostFactory(profile=brand["douyin"], published_at=start - timedelta(days=1), likes=5)

    page = client_for(brand["am_a"]).get(reverse("social:insights"), {"profile": brand["douyin"].pk})

    html = page.content.decode()
    assert page.status_code == 200
    assert "n=4" in html and "heat-few" in html
    assert 'id="recommended"' in html and "20:00–21:00" in html
