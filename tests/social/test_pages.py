"""The social pages render for their readers; the account page shows growth, benchmarks and UGC."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from social.services import create_profile, record_followers, set_ugc
from tests.social.factories import MentionFactory, PostFactory


def test_follower_growth_benchmarks_and_ugc_showcase_on_the_account_page(brand, client_for):
    today = timezone.localdate()
    record_followers(actor=brand["am_a"], profile=brand["douyin"],
                     counts={today - timedelta(days=30): 10_000, today - timedelta(days=7): 11_000, today: 12_100})
    rival = create_profile(actor=brand["am_a"], account=brand["adv_a"], platform="douyin", handle="rival",
                           competitor_name="Rival Beauty")
    record_followers(actor=brand["am_a"], profile=rival, counts={today: 50_000})
    PostFactory(profile=rival, impressions=1000, likes=80)
    mention = MentionFactory(account=brand["adv_a"], text="My unboxing video of the serum")
    set_ugc(actor=brand["am_a"], item=mention, account=brand["adv_a"], is_ugc=True, rights_status="granted")
    MentionFactory(account=brand["adv_a"], text="Refused UGC", is_ugc=True, rights_status="refused")

    html = client_for(brand["am_a"]).get(brand["adv_a"].get_absolute_url()).content.decode()

    assert "12100" in html.replace(",", "").replace("\u202f", "")
    assert "+1100" in html and "+2100" in html  # 7 and 30 days
    assert "Rival Beauty" in html and "9.00%" in html
    assert "My unboxing video" in html and "Refused UGC" not in html


def test_every_social_page_renders_in_english_and_chinese(brand, client_for):
    post = PostFactory(profile=brand["douyin"])
    mention = MentionFactory(account=brand["adv_a"])
    client = client_for(brand["am_a"])
    urls = [reverse("social:overview"), reverse("social:insights"), reverse("social:mention_list"),
            reverse("social:experiment_list"), reverse("social:experiment_create"), reverse("social:post_import"),
            reverse("social:mention_import"), reverse("social:profile_detail", args=[brand["douyin"].pk]),
            reverse("social:post_detail", args=[post.pk]), reverse("social:mention_detail", args=[mention.pk]),
            reverse("social:keyword_rules", args=[brand["adv_a"].pk]),
            reverse("social:profile_create", args=[brand["adv_a"].pk])]
    for language, word in (("en", "Social"), ("zh-hans", "社交")):
        client.cookies["django_language"] = language
        for url in urls:
            response = client.get(url, headers={"accept-language": language})
            assert response.status_code == 200, url
        assert word in client.get(reverse("social:overview")).content.decode()


def test_a_follower_count_for_a_future_day_is_refused_with_a_message(brand, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(brand["am_a"]).post(reverse("social:followers_record", args=[brand["douyin"].pk]),
                                              {"day": tomorrow.isoformat(), "followers": 10}, follow=True)
    assert "future" in response.content.decode()


def test_the_home_page_shows_follower_growth_of_visible_profiles_only(brand, client_for):
    today = timezone.localdate()
    record_followers(actor=brand["am_a"], profile=brand["douyin"], counts={today: 4321})
    record_followers(actor=brand["am_b"], profile=brand["other"], counts={today: 9876})

    html = client_for(brand["am_a"]).get(reverse("home")).content.decode()

    assert 'data-panel="social/_home_growth.html"' in html
    assert "lumiere_official" in html and "bravo" not in html
