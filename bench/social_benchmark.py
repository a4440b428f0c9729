"""Post-level tables at 1 million posts on PostgreSQL: the pages and reads that touch `social_post`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/socialcrm_bench_social \
    .venv/bin/python bench/social_benchmark.py [posts, default 1000000]

It creates and migrates the database if needed and REPLACES its social profiles and posts. Shape:
100 advertisers x 4 profiles = 400 profiles, posts spread evenly over them and over the last two
years (2,500 posts per profile at 1M). Rows are generated in SQL (generate_series), so loading is
not what is measured. Figures (median of 15 runs, ms) go to bench/social_results.json; REUSE=1
times again on the posts already loaded. Not part of the test suite.
"""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/socialcrm_bench_social")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialcrm.settings")

ADVERTISERS, PROFILES_EACH, RUNS = 100, 4, 15


def ensure_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def build(posts):
    from django.db import connection

    from accounts.models import Account, User
    from social.models import Mention, Post, SocialProfile

    manager, _ = User.objects.get_or_create(username="bench-am", defaults={"role": "account_manager"})
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": "admin"})
    Mention.objects.all()._raw_delete(Mention.objects.db)  # benchmark data only, never user data
    Post.objects.all()._raw_delete(Post.objects.db)
    SocialProfile.objects.all().delete()
    Account.objects.filter(name__startswith="Bench brand ").delete()
    accounts = Account.objects.bulk_create(
        Account(side="advertiser", kind="brand", name=f"Bench brand {index}", account_manager=manager if index % 10 == 0
                else admin) for index in range(ADVERTISERS))
    platforms = ("douyin", "weibo", "xiaohongshu", "bilibili")
    SocialProfile.objects.bulk_create(
        SocialProfile(account=account, platform=platforms[index], handle=f"{account.name}-{index}")
        for account in accounts for index in range(PROFILES_EACH))
    ids = list(SocialProfile.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO social_post (profile_id, external_id, published_at, content_type, format, variant_label,
                text, text_length, impressions, reach, likes, comments, shares, saves, clicks, conversions,
                video_views, is_ugc, rights_status, updated_at)
            SELECT (%(ids)s::bigint[])[1 + n %% %(profiles)s], 'b' || n,
                   now() - (n %% 730) * interval '1 day' - (n %% 24) * interval '1 hour',
                   (ARRAY['image','video','short_video','live','article','carousel'])[1 + n %% 6], '', '',
                   'post ' || n, 20 + n %% 400, 1000 + n %% 9000, 800 + n %% 7000, n %% 500, n %% 40, n %% 30,
                   n %% 20, n %% 200, n %% 10, n %% 5000, false, '', now()
            FROM generate_series(1, %(posts)s) AS n""", {"ids": ids, "profiles": len(ids), "posts": posts})
        cursor.execute("ANALYZE")  # as autovacuum would, for every table the queries join
    return manager, admin, ids, time.perf_counter() - started


def timed(function, runs=RUNS):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main():
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ensure_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.core.paginator import Paginator
    from django.test import Client
    from django.utils import timezone

    from social import best_time
    from social.frames import post_frame
    from social.models import Post, SocialProfile
    from social.posts import upsert_posts
    from socialcrm.visibility import posts_visible_to

    if os.environ.get("REUSE") and Post.objects.count() == posts:  # timings again, same rows
        from accounts.models import User

        manager = User.objects.get(username="bench-am")
        ids = list(SocialProfile.objects.order_by("pk").values_list("pk", flat=True))
        load_seconds = json.loads((ROOT / "bench" / "social_results.json").read_text())["load_seconds"]
    else:
        manager, _admin, ids, load_seconds = build(posts)
    profile = SocialProfile.objects.get(pk=ids[0])
    client = Client()
    client.force_login(manager)

    def profile_page():
        assert client.get(f"/social/profiles/{profile.pk}/?page=3", secure=True).status_code == 200

    def visible_page():
        list(Paginator(posts_visible_to(manager).order_by("-published_at", "-pk"), 30).get_page(5).object_list)

    def heatmap_profile():
        best_time.heatmap(post_frame(posts_visible_to(manager).filter(profile=profile)))

    def insights_page():
        assert client.get(f"/social/insights/?profile={profile.pk}", secure=True).status_code == 200

    rows = [{"external_id": f"b{n}", "published_at": timezone.now(), "content_type": "video", "text": "re",
             "impressions": 5, "likes": 1} for n in range(1, 2001)]

    def reimport():
        upsert_posts(profile, rows)

    results = {
        "posts": Post.objects.count(), "profiles": len(ids), "posts_per_profile": Post.objects.count() // len(ids),
        "load_seconds": round(load_seconds, 1),
        "ms_median": {
            "profile_page_http": timed(profile_page),
            "visible_posts_page_of_30": timed(visible_page),
            "heatmap_one_profile": timed(heatmap_profile),
            "insights_page_http": timed(insights_page),
            "upsert_2000_posts": timed(reimport, runs=5),
        },
        "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
    }
    print(json.dumps(results, indent=2))
    (ROOT / "bench" / "social_results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
