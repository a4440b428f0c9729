"""The social channel through the API: idempotent pushes, visible reads."""

from django.utils import timezone

from social.models import FollowerCount, Mention, Post
from tests.social.factories import ExperimentFactory, MentionFactory, PostFactory, VariantFactory

ROWS = [
    {"external_id": "v1", "published_at": "2026-11-02T20:15:00", "content_type": "short_video",
     "text": "秋冬保湿精华上新", "impressions": 180200, "likes": 6210, "comments": 312, "shares": 845, "clicks": 2140},
    {"external_id": "v2", "published_at": "2026-11-04T12:05:00+08:00", "impressions": 143900, "likes": 3980},
]


def test_pushing_the_same_posts_twice_replaces_and_never_doubles(brand, api):
    caller = api(brand["am_a"])
    first = caller.post("api:push_posts", ROWS, brand["douyin"].pk)
    assert first.status_code == 200 and first.json() == {"created": 2, "updated": 0}

    again = caller.post("api:push_posts", [{**ROWS[0], "likes": 7000}, ROWS[1]], brand["douyin"].pk)

    assert again.json() == {"created": 0, "updated": 2}
    assert Post.objects.count() == 2 and Post.objects.get(external_id="v1").likes == 7000
    assert timezone.localtime(Post.objects.get(external_id="v1").published_at).hour == 20


def test_invalid_rows_are_reported_by_index_and_nothing_is_written(brand, api):
    response = api(brand["am_a"]).post("api:push_posts", [ROWS[0], {"external_id": "x", "colour": "red"}],
                                       brand["douyin"].pk)
    assert response.status_code == 400
    fields = {(row["index"], row["field"]) for row in response.json()["error"]["rows"]}
    assert (1, "colour") in fields and (1, "published_at") in fields
    assert not Post.objects.exists()


def test_someone_elses_profile_is_a_404_and_a_read_only_role_a_403(brand, api):
    assert api(brand["am_b"]).post("api:push_posts", ROWS, brand["douyin"].pk).status_code == 404
    assert api(brand["executive"]).post("api:push_posts", ROWS, brand["douyin"].pk).status_code == 403


def test_follower_counts_and_mentions_are_pushed(brand, api):
    caller = api(brand["am_a"])
    assert caller.post("api:push_followers", [{"day": "2026-11-01", "followers": 1000}],
                       brand["douyin"].pk).json() == {"created": 1, "updated": 0}
    assert caller.post("api:push_followers", [{"day": "2026-11-01", "followers": 1010}],
                       brand["douyin"].pk).json() == {"created": 0, "updated": 1}
    assert FollowerCount.objects.get().followers == 1010
    PostFactory(profile=brand["douyin"], external_id="v9")
    items = [{"platform": "douyin", "id": "c1", "text": "不好用，退货", "published_at": "2026-11-02T10:00:00",
              "post_id": "v9"}]
    assert caller.post("api:push_mentions", items, brand["adv_a"].pk).json()["inbox_items"] == 1
    assert caller.post("api:push_mentions", items, brand["adv_a"].pk).json()["duplicates"] == 1
    assert Mention.objects.get().kind == "comment"


def test_reads_list_only_visible_posts_and_mentions(brand, api):
    PostFactory(profile=brand["douyin"], external_id="mine")
    PostFactory(profile=brand["other"], external_id="theirs")
    MentionFactory(account=brand["adv_b"], text="theirs")
    caller = api(brand["am_a"])
    assert [row["external_id"] for row in caller.get("api:post_list").json()["results"]] == ["mine"]
    assert caller.get("api:mention_list").json()["count"] == 0


def test_the_verdict_of_an_experiment(brand, api):
    experiment = ExperimentFactory(account=brand["adv_a"], min_sample=5000)
    VariantFactory(experiment=experiment, label="A").posts.add(
        PostFactory(profile=brand["douyin"], impressions=10_000, clicks=200))
    VariantFactory(experiment=experiment, label="B").posts.add(
        PostFactory(profile=brand["douyin"], impressions=10_000, clicks=260))
    body = api(brand["am_a"]).get("api:experiment_verdict", experiment.pk).json()
    assert body["winner"] == "B" and round(body["p_value"], 5) == 0.00465
    assert api(brand["am_b"]).get("api:experiment_verdict", experiment.pk).status_code == 404
