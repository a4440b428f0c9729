"""A user sees the posts and mentions of the accounts they may see, nothing else."""

import pytest
from django.urls import reverse

from socialcrm.visibility import mentions_visible_to, posts_visible_to, social_profiles_visible_to
from tests.social.factories import MentionFactory, PostFactory


@pytest.fixture
def heard(brand):
    return {
        **brand,
        "post_a": PostFactory(profile=brand["douyin"], text="Alpha post"),
        "post_b": PostFactory(profile=brand["other"], text="Bravo post"),
        "post_secret": PostFactory(profile=brand["secret_profile"], text="Secret post"),
        "mention_a": MentionFactory(account=brand["adv_a"], text="Alpha mention"),
        "mention_b": MentionFactory(account=brand["adv_b"], text="Bravo mention"),
        "mention_secret": MentionFactory(account=brand["secret"], text="Secret mention"),
    }


@pytest.mark.parametrize(("role", "sees"), [
    ("am_a", {"a"}),
    ("am_b", {"b", "secret"}),
    ("lead_a", {"a"}),
    ("analyst", {"a", "b"}),
    ("executive", {"a", "b", "secret"}),
    ("admin", {"a", "b", "secret"}),
])
def test_each_role_sees_the_posts_and_mentions_of_the_accounts_it_may_see(heard, role, sees):
    user = heard[role]
    posts = {heard[f"post_{side}"].pk for side in sees}
    mentions = {heard[f"mention_{side}"].pk for side in sees}
    assert set(posts_visible_to(user).values_list("pk", flat=True)) == posts
    assert set(mentions_visible_to(user).values_list("pk", flat=True)) == mentions


def test_a_post_on_a_campaign_the_user_may_not_see_stays_hidden(heard):
    # Advertiser A's post on Advertiser B's campaign: am_a sees the profile but not the campaign.
    post = PostFactory(profile=heard["douyin"], campaign=heard["campaign_b"])
    assert not posts_visible_to(heard["am_a"]).filter(pk=post.pk).exists()


def test_pages_answer_404_for_someone_elses_post_mention_and_profile(heard, client_for):
    client = client_for(heard["am_a"])
    for name, obj in (("social:post_detail", heard["post_b"]), ("social:mention_detail", heard["mention_b"]),
                      ("social:profile_detail", heard["other"])):
        assert client.get(reverse(name, args=[obj.pk])).status_code == 404
    assert client.get(reverse("social:post_detail", args=[heard["post_a"].pk])).status_code == 200


def test_lists_show_only_visible_mentions(heard, client_for):
    html = client_for(heard["am_a"]).get(reverse("social:mention_list")).content.decode()
    assert "Alpha mention" in html and "Bravo mention" not in html and "Secret mention" not in html


def test_read_only_roles_may_read_but_not_correct(heard, client_for):
    client = client_for(heard["executive"])
    assert client.get(reverse("social:mention_detail", args=[heard["mention_a"].pk])).status_code == 200
    response = client.post(reverse("social:mention_sentiment", args=[heard["mention_a"].pk]), {"sentiment": "negative"})
    assert response.status_code == 403


def test_profiles_follow_their_account(heard):
    assert set(social_profiles_visible_to(heard["am_a"])) == {heard["douyin"], heard["weibo"]}
