"""An account manager imports a Douyin post export, reads the best time to post, sets up an A/B
test between two creative variants and reads its verdict — on a phone-sized screen too."""

import re
from pathlib import Path

import pytest

from social.models import Post
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory
from tests.social.factories import ProfileFactory

SAMPLE = Path(__file__).resolve().parents[2] / "social" / "samples" / "douyin_posts.csv"


@pytest.mark.django_db(transaction=True)
def test_import_posts_read_the_heatmap_and_an_ab_verdict(page, live_server, sign_in, console_errors):
    manager = UserFactory(username="mei", first_name="Mei", role="account_manager")
    account = AccountFactory(name="Lumière Skincare", account_manager=manager)
    profile = ProfileFactory(account=account, platform="douyin", handle="lumiere_official")
    sign_in("mei", TEST_PASSWORD)

    # Import the export: the columns are recognised from the Chinese headers, the user confirms.
    page.click("nav.mainnav >> text=Social")
    page.click("text=Import a post export")
    page.select_option("select[name=profile]", str(profile.pk))
    page.set_input_files("input[name=file]", str(SAMPLE))
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/social/imports/\d+/$"))
    assert page.locator("select[name=published_at]").input_value() == "发布时间"
    page.click("text=Import posts")
    assert "8 posts added, 0 updated." in page.locator(".import-outcome").inner_text()
    assert Post.objects.filter(profile=profile).count() == 8

    # The heatmap: Monday-to-Sunday rows, post counts per cell, the thin cells greyed out.
    page.click("text=See the best time to post")
    page.wait_for_url(re.compile(r".*/social/insights/.*"))
    heatmap = page.locator("#heatmap")
    assert "Wednesday" in heatmap.inner_text() and "n=1" in heatmap.inner_text()
    assert page.locator("#heatmap td.heat-few").count() == 8  # one post per slot: too few for a verdict
    page.fill("input[name=min_posts]", "1")
    page.click("text=Show")
    assert page.locator("#recommended li").count() == 5

    # An A/B test: creative A against creative B, on the click-through rate.
    page.click("nav.social-nav >> text=A/B tests")
    page.click("text=New A/B test")
    page.select_option("select[name=account]", str(account.pk))
    page.fill("input[name=name]", "Cover A vs B")
    page.select_option("select[name=metric]", "ctr")
    page.fill("input[name=min_sample]", "100000")
    page.fill("input[name=creative_a]", "A")
    page.fill("input[name=creative_b]", "B")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/social/experiments/\d+/$"))
    verdict = page.locator("#verdict").inner_text()
    # A: 4,150 clicks of 344,200 impressions (1.21%); B: 3,135 of 276,600 (1.13%); p = 0.0086.
    assert "A beats B with 99.1% confidence" in verdict

    # The decision is recorded, by whom.
    page.select_option("select[name=decision]", "adopt")
    page.select_option("select[name=winner]", label="A")
    page.fill("textarea[name=note]", "Cover A from now on")
    page.click("text=Record decision")
    assert "Adopt the winner: A" in page.locator("#decision").inner_text()

    # The heatmap page works on a 390 px wide phone: the table scrolls in its own box.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/social/insights/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert console_errors == []
