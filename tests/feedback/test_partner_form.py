from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from feedback.models import Feedback, FeedbackLink
from notifications.models import Notification
from tests.feedback.factories import FeedbackLinkFactory

pytestmark = pytest.mark.django_db

LOW_RATING = {"rating": "1", "nps": "2", "kind": "ad_performance",
              "text": "Conversions were poor and the report was late.", "author_name": "Li Na",
              "author_contact": "li.na@example.com"}


def test_manager_creates_a_link_and_the_partner_answers_without_signing_in(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("feedback:link_create", args=[alliance["adv_a"].pk]),
                           {"campaign": alliance["campaign_a"].pk, "purpose": "After launch", "valid_days": 7})
    link = FeedbackLink.objects.get()
    assert response["Location"] == reverse("feedback:link_detail", args=[link.pk])
    assert link.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert link.get_public_url() in client.get(response["Location"]).content.decode()
    client.logout()

    page = client.get(link.get_public_url())
    assert page.status_code == 200 and "Advertiser A" in page.content.decode()
    response = client.post(link.get_public_url(), LOW_RATING)
    assert response.status_code == 302 and response["Location"] == reverse("feedback:partner_thanks")

    feedback = Feedback.objects.get()
    assert (feedback.account, feedback.campaign, feedback.source) == (alliance["adv_a"], alliance["campaign_a"], "advertiser")
    assert (feedback.rating, feedback.nps, feedback.sentiment, feedback.priority) == (1, 2, "negative", "high")
    assert feedback.owner == alliance["am_a"] and feedback.link == link
    assert feedback.respond_by > feedback.received_at
    assert AuditEntry.objects.for_object(feedback).get().action == "feedback.submitted"
    assert Notification.objects.filter(recipient=alliance["am_a"], kind="feedback_new").exists()


def test_a_link_works_once(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    assert client.post(link.get_public_url(), LOW_RATING).status_code == 302
    for method in (client.get, client.post):
        response = method(link.get_public_url(), LOW_RATING)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_an_expired_link_says_so(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"], expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link.get_public_url())
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert client.post(link.get_public_url(), LOW_RATING).status_code == 410
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("token", ["garbage", "abc:def", "x" * 300])
def test_forged_tokens_find_nothing(client, alliance, token):
    FeedbackLinkFactory(account=alliance["adv_a"])
    assert client.get(reverse("feedback:partner_form", args=[token])).status_code == 404


def test_a_tampered_token_is_refused(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    nonce, signature = link.token.rsplit(":", 1)
    other = FeedbackLinkFactory(account=alliance["adv_b"])
    forged = f"{other.nonce}:{signature}"
    assert client.get(reverse("feedback:partner_form", args=[forged])).status_code == 404
    assert nonce == link.nonce


def test_honeypot_submissions_are_dropped_silently(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    response = client.post(link.get_public_url(), {**LOW_RATING, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()
    link.refresh_from_db()
    assert link.used_at is None


def test_text_size_is_limited(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    response = client.post(link.get_public_url(), {**LOW_RATING, "text": "x" * 4001})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_score_is_required(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    response = client.post(link.get_public_url(), {"kind": "content", "text": "hello"})
    assert response.status_code == 400 and "Give a rating" in response.content.decode()


@pytest.mark.parametrize("rating", ["0", "6", "abc"])
def test_out_of_range_ratings_are_form_errors(client, alliance, rating):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    assert client.post(link.get_public_url(), {**LOW_RATING, "rating": rating}).status_code == 400


def test_submissions_are_rate_limited_per_ip(client, alliance, settings):
    settings.FEEDBACK_FORM_RATE_LIMIT = 3
    links = [FeedbackLinkFactory(account=alliance["adv_a"]) for _ in range(5)]
    statuses = [client.post(link.get_public_url(), LOW_RATING, REMOTE_ADDR="10.1.1.1").status_code
                for link in links[:4]]
    assert statuses == [302, 302, 302, 429]
    assert client.post(links[4].get_public_url(), LOW_RATING, REMOTE_ADDR="10.2.2.2").status_code == 302
    assert Feedback.objects.count() == 4


def test_link_lifetime_is_bounded(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("feedback:link_create", args=[alliance["adv_a"].pk]), {"valid_days": 365})
    assert response.status_code == 400 and not FeedbackLink.objects.exists()


def test_link_campaign_must_involve_the_account(client, alliance):
    client.force_login(alliance["admin"])
    response = client.post(reverse("feedback:link_create", args=[alliance["adv_a"].pk]),
                           {"valid_days": 7, "campaign": alliance["campaign_b"].pk})
    assert response.status_code == 400 and not FeedbackLink.objects.exists()


def test_partner_page_is_not_cached_and_keeps_the_strict_csp(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    response = client.get(link.get_public_url())
    assert "no-store" in response["Cache-Control"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_hostile_text_is_shown_as_text(client, alliance):
    link = FeedbackLinkFactory(account=alliance["adv_a"])
    hostile = '<img src=x onerror="alert(1)"><a hx-get="/admin/">x</a>'
    client.post(link.get_public_url(), {**LOW_RATING, "text": hostile, "author_name": "<script>x</script>"})
    client.force_login(alliance["am_a"])
    feedback = Feedback.objects.get()
    for url in (feedback.get_absolute_url(), reverse("feedback:inbox")):
        page = client.get(url).content.decode()
        assert "<img src=x" not in page and 'hx-get="/admin/"' not in page and "<script>x" not in page
