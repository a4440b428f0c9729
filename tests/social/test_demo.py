"""`seed_demo` gives the social pages something to show: profiles with follower history, posts
at many hours (evenings doing better), an A/B test, and listening with every sentiment."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from social.models import Experiment, FollowerCount, Mention, Post, SocialProfile

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_demo_has_social_channels_worth_looking_at(client):
    call_command("seed_demo")
    own = SocialProfile.objects.filter(competitor_name="")
    assert own.count() >= 3 and SocialProfile.objects.exclude(competitor_name="").exists()
    assert all(FollowerCount.objects.filter(profile=profile).count() > 90 for profile in own)
    assert len({post.published_at.hour for post in Post.objects.all()}) >= 5
    experiment = Experiment.objects.get()
    assert [variant.posts.count() > 0 for variant in experiment.variants.all()] == [True, True]
    assert set(Mention.objects.values_list("sentiment", flat=True)) == {"positive", "neutral", "negative"}

    client.force_login(User.objects.get(username="am"))
    page = client.get(reverse("social:insights")).content.decode()
    assert f"{Post.objects.count()} posts" in page


def test_the_chinese_demo_posts_and_listens_in_chinese():
    call_command("seed_demo", language="zh")
    assert all(HAN.search(text) for text in Post.objects.values_list("text", flat=True))
    assert all(HAN.search(text) for text in Mention.objects.values_list("text", flat=True))
    assert Mention.objects.count() == 8  # every voice matched the Chinese keywords or is a comment
