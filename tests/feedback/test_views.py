from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import Feedback
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def test_inbox_shows_deadlines_and_highlights_breaches(client, alliance):
    now = timezone.now()
    late = FeedbackFactory(account=alliance["adv_a"], text="Late one", respond_by=now - timedelta(hours=3))
    FeedbackFactory(account=alliance["adv_a"], text="Fresh one", respond_by=now + timedelta(hours=5))
    client.force_login(alliance["am_a"])
    page = client.get(reverse("feedback:inbox")).content.decode()
    assert f'id="fb-{late.pk}" class="breached"' in page
    assert "overdue by" in page and "left" in page
    assert timezone.localtime(late.respond_by).strftime("%Y-%m-%d %H:%M") in page
    assert page.index("Late one") < page.index("Fresh one")  # most urgent first


def test_inbox_filters_and_htmx_partial(client, alliance):
    FeedbackFactory(account=alliance["adv_a"], text="Billing trouble", kind="billing", priority="high")
    FeedbackFactory(account=alliance["adv_a"], text="Nice content", kind="content")
    FeedbackFactory(account=alliance["adv_a"], text="Old resolved", status="resolved")
    client.force_login(alliance["am_a"])
    response = client.get(reverse("feedback:inbox"), {"kind": "billing"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Billing trouble" in body and "Nice content" not in body and "<html" not in body
    assert "Old resolved" not in client.get(reverse("feedback:inbox")).content.decode()
    assert "Old resolved" in client.get(reverse("feedback:inbox"), {"status": "all"}).content.decode()
    assert "Nice content" in client.get(reverse("feedback:inbox"), {"q": "nice"}).content.decode()


def test_inbox_query_count_does_not_grow_with_data(client, alliance):
    client.force_login(alliance["am_a"])
    FeedbackFactory(account=alliance["adv_a"], campaign=alliance["campaign_a"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("feedback:inbox"))
    for _ in range(12):
        FeedbackFactory(account=alliance["adv_a"], campaign=alliance["campaign_a"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("feedback:inbox"))
    assert len(many) == len(few)


def test_quick_actions_take_and_acknowledge_from_the_inbox(client, alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], owner=None)
    client.force_login(alliance["am_a"])
    url = reverse("feedback:quick_action", args=[feedback.pk])
    response = client.post(url, {"action": "take"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content.decode().lstrip().startswith("<tr")
    client.post(url, {"action": "acknowledge"})
    feedback.refresh_from_db()
    assert feedback.owner == alliance["am_a"] and feedback.status == "acknowledged"
    assert client.post(url, {"action": "delete"}).status_code == 400


def test_reply_and_resolve_through_the_detail_page(client, alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"], rating=1)
    client.force_login(alliance["am_a"])
    response = client.post(reverse("feedback:feedback_reply", args=[feedback.pk]),
                           {"kind": "partner", "text": "Sorry, we will fix it"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Sorry, we will fix it" in response.content.decode()
    response = client.post(reverse("feedback:feedback_status", args=[feedback.pk]), {"status": "resolved"})
    assert response.status_code == 400 and "Explain how" in response.content.decode()
    response = client.post(reverse("feedback:feedback_status", args=[feedback.pk]),
                           {"status": "resolved", "resolution": "Credited the client"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "resolved" and feedback.resolution == "Credited the client"


def test_internal_notes_are_marked_apart_from_partner_replies(client, alliance):
    feedback = FeedbackFactory(account=alliance["adv_a"])
    services.add_reply(user=alliance["am_a"], feedback=feedback, kind="internal", text="Internal only")
    services.add_reply(user=alliance["am_a"], feedback=feedback, kind="partner", text="To the partner")
    client.force_login(alliance["am_a"])
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert '<li class="internal">' in page and '<li class="partner">' in page


def test_staff_log_feedback_from_a_form(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("feedback:feedback_create"), {
        "source": "advertiser", "account": alliance["adv_a"].pk, "kind": "billing", "rating": "2",
        "text": "Invoice wrong", "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "owner": alliance["am_b"].pk,
    })
    feedback = Feedback.objects.get()
    assert response["Location"] == feedback.get_absolute_url()
    assert feedback.owner == alliance["am_a"]  # the owner field is not accepted from the form
    response = client.post(reverse("feedback:feedback_create"), {
        "source": "publisher", "account": alliance["adv_a"].pk, "kind": "billing", "rating": "2",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400 and Feedback.objects.count() == 1


def test_account_page_shows_the_feedback_panel(client, alliance):
    FeedbackFactory(account=alliance["adv_a"], nps=10, rating=5, text="Great partner")
    open_item = FeedbackFactory(account=alliance["adv_a"], nps=2, rating=1, text="Slow report", status="new")
    client.force_login(alliance["am_a"])
    page = client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert 'data-panel="feedback/_account_panel.html"' in page
    open_items = page.split("Open items")[1].split("Top recurring topics")[0]
    assert open_item.get_absolute_url() in open_items and "1/5" in open_items
    assert "Ask for feedback" in page
    assert "0.0" in page  # NPS: one promoter, one detractor
    assert "Feedback received" in page  # timeline events
    client.force_login(alliance["executive"])
    assert "Ask for feedback" not in client.get(alliance["adv_a"].get_absolute_url()).content.decode()


def test_dashboard_renders_charts_and_numbers(client, alliance):
    for score in (10, 9, 3):
        FeedbackFactory(account=alliance["adv_a"], nps=score, text="report late again")
    client.force_login(alliance["executive"])
    page = client.get(reverse("feedback:dashboard")).content.decode()
    assert 'data-chart="fb-trend"' in page and 'id="fb-trend"' in page
    assert "33.3" in page and "report" in page


def test_home_panel_lists_my_unanswered_feedback(client, alliance):
    FeedbackFactory(account=alliance["adv_a"], text="Need an answer", respond_by=timezone.now() - timedelta(hours=1))
    client.force_login(alliance["am_a"])
    page = client.get(reverse("home")).content.decode()
    assert "Feedback waiting for an answer" in page and "past its response deadline" in page
