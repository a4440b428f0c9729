"""Demo social channels for the first two advertisers: their own profiles with four months of
follower counts and three months of posts (evenings do better, so the best-time heatmap has
something to say), a competitor to benchmark against, a headline A/B test, and listening:
a keyword rule with comments and mentions, the negative ones and questions opened in the inbox."""

from datetime import timedelta

from django.utils import timezone

from social import listening
from social.connectors import Heard
from social.models import Experiment, Post
from social.posts import upsert_posts
from social.services import create_experiment, create_profile, record_followers, save_keyword_rule

PROFILES = (  # advertiser index, platform, handle, followers 120 days ago, a day's growth
    (0, "xiaohongshu", "lumiere_skin", 48_000, 140),
    (0, "weibo", "LumiereSkincare", 126_000, 90),
    (1, "douyin", "pandasnacks", 310_000, 620),
)
COMPETITOR = (0, "xiaohongshu", "glowlab_official", "GlowLab", 71_000, 60)
POST_HOURS = (8, 12, 12, 18, 20, 20, 21, 22)
EVENING_LIFT = {18: 1.3, 20: 1.6, 21: 1.5, 22: 1.2}
CONTENT = ("image", "short_video", "carousel", "video", "image", "live")
POST_TEXTS = (
    "Three steps to calm skin after a long day",
    "Behind the scenes of our new serum",
    "Your questions about sunscreen, answered",
    "Weekend snack box: what is inside?",
)
HEADLINES = {"A": "Gentle on sensitive skin", "B": "Dermatologist tested, gentle on sensitive skin"}
KEYWORDS = {0: "Lumière, serum, sunscreen", 1: "Panda Snacks, snack box"}
VOICES = (  # (advertiser index, text, comment on a post?)
    (0, "Love the new serum, my skin feels so soft", True),
    (0, "Does the sunscreen leave a white cast?", True),
    (0, "The serum broke me out, really disappointed", True),
    (0, "Lumière's delivery took two weeks, terrible service", False),
    (0, "Bought the Lumière serum again, great value", False),
    (1, "The snack box is my favourite Friday treat", True),
    (1, "Panda Snacks chips were stale in my snack box, disappointed", False),
    (1, "When does the new snack box flavour come out?", True),
)


def seed(ctx):
    actor = ctx.users["admin"]
    now = timezone.now()
    own = [_profile(ctx, actor, *spec) for spec in PROFILES]
    index, platform, handle, name, followers, growth = COMPETITOR
    rival = create_profile(actor=actor, account=ctx.advertisers[index], platform=platform, handle=handle,
                           competitor_name=ctx.say(name))
    record_followers(actor=actor, profile=rival, counts=_followers(ctx, followers, growth))
    for profile in own:
        _posts(ctx, profile, now)
    _headline_test(ctx, actor, own[0])
    _listening(ctx, actor, own, now)
    ctx.log.append(f"{len(own) + 1} social profiles, {Post.objects.count()} posts, "
                   f"{Experiment.objects.count()} A/B test, listening on {len(KEYWORDS)} advertisers")


def _profile(ctx, actor, index, platform, handle, followers, growth):
    profile = create_profile(actor=actor, account=ctx.advertisers[index], platform=platform, handle=handle)
    record_followers(actor=actor, profile=profile, counts=_followers(ctx, followers, growth))
    return profile


def _followers(ctx, start, growth):
    today, count, counts = ctx.today, start, {}
    for days_ago in range(120, -1, -1):
        count += int(growth * ctx.rng.uniform(0.4, 1.6))
        counts[today - timedelta(days=days_ago)] = count
    return counts


def _posts(ctx, profile, now):
    campaigns = [campaign for campaign in ctx.campaigns if campaign.advertiser_id == profile.account_id]
    records = []
    for days_ago in range(90, 0, -1):
        hour = ctx.rng.choice(POST_HOURS)
        published = timezone.localtime(now - timedelta(days=days_ago)).replace(hour=hour, minute=ctx.rng.randrange(60))
        impressions = int(ctx.rng.randint(4_000, 40_000) * EVENING_LIFT.get(hour, 1.0))
        rate = ctx.rng.uniform(0.02, 0.06) * EVENING_LIFT.get(hour, 1.0)
        variant = "AB"[days_ago % 2] if days_ago <= 40 and profile.platform == "xiaohongshu" else ""
        text = ctx.say(HEADLINES[variant]) if variant else ctx.say(POST_TEXTS[days_ago % len(POST_TEXTS)])
        records.append({
            "external_id": f"{profile.handle}-{days_ago}", "published_at": published,
            "campaign": campaigns[days_ago % len(campaigns)] if campaigns and days_ago % 3 == 0 else None,
            "content_type": CONTENT[days_ago % len(CONTENT)], "format": "", "variant_label": variant, "text": text,
            "impressions": impressions, "reach": int(impressions * 0.8),
            "likes": int(impressions * rate * 0.7), "comments": int(impressions * rate * 0.1),
            "shares": int(impressions * rate * 0.1), "saves": int(impressions * rate * 0.1),
            "clicks": int(impressions * ctx.rng.uniform(0.010, 0.014) * (1.25 if variant == "B" else 1.0)),
            "conversions": int(impressions * 0.001), "video_views": impressions // 2})
    upsert_posts(profile, records)


def _headline_test(ctx, actor, profile):
    variants = [(label, list(Post.objects.filter(profile=profile, variant_label=label)), "") for label in "AB"]
    create_experiment(actor=actor, account=profile.account, name=ctx.say("Headline: plain or expert-backed"),
                      metric=Experiment.Metric.CTR, min_sample=10_000, variants=variants,
                      hypothesis=ctx.say("Naming the dermatologist lifts clicks."))


def _listening(ctx, actor, own, now):
    posts = {profile.account_id: Post.objects.filter(profile=profile).first() for profile in own}
    for index, keywords in KEYWORDS.items():
        save_keyword_rule(actor=actor, account=ctx.advertisers[index], keywords=ctx.say(keywords))
    for number, (index, text, on_post) in enumerate(VOICES):
        account = ctx.advertisers[index]
        post = posts[account.pk] if on_post else None
        heard = Heard(platform=post.profile.platform if post else "weibo", external_id=f"demo-{number}",
                      text=ctx.say(text), published_at=now - timedelta(days=number * 3 + 1, hours=number),
                      author=f"user{1000 + number * 37}", post_external_id=post.external_id if post else "")
        listening.ingest(actor=actor, account=account, items=[(number + 1, heard)], source="demo")
