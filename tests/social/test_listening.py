"""Listening: comment exports through their platform's adapter, keyword rules with exclusions,
inbox items for what needs an answer, and nothing heard twice."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from social import listening
from social.connectors import Heard
from social.models import KeywordRule, Mention
from social.services import save_keyword_rule
from tests.social.factories import PostFactory

SAMPLES = Path(__file__).resolve().parents[2] / "social" / "samples"


def weibo_export():
    return SimpleUploadedFile("weibo_comments.csv", (SAMPLES / "weibo_comments.csv").read_bytes())


def setup_listening(brand):
    PostFactory(profile=brand["weibo"], external_id="5011000000000001")
    PostFactory(profile=brand["weibo"], external_id="5011000000000002")
    save_keyword_rule(actor=brand["am_a"], account=brand["adv_a"], keywords="Lumière, 露米尔",
                      exclusions="灯具, lamp")


def test_a_weibo_comment_export_is_ingested_end_to_end(brand):
    setup_listening(brand)

    result = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"], uploaded_file=weibo_export())

    assert result.errors == []
    # 5 comments on our posts + 1 mention matching "Lumière"; the lamp sale (an exclusion) and the
    # weather chat are not about the brand.
    assert (result.created, result.ignored) == (6, 2)
    comments = Mention.objects.filter(kind="comment")
    assert comments.count() == 5
    assert Mention.objects.get(kind="mention").matched_keywords == ["lumière"]
    assert Mention.objects.get(external_id="4990000000000004").sentiment == "negative"  # 广告太多了，很烦
    assert Mention.objects.get(external_id="4990000000000001").sentiment == "positive"


def test_what_needs_an_answer_opens_a_feedback_inbox_item_that_is_never_deleted(brand):
    setup_listening(brand)

    result = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"], uploaded_file=weibo_export())

    # Two negative comments and one question.
    assert result.inbox_items == 3
    complaint = Mention.objects.get(external_id="4990000000000003").feedback
    assert (complaint.kind, complaint.source, complaint.account) == ("complaint", "public", brand["adv_a"])
    assert complaint.respond_by > complaint.received_at  # the SLA applies
    question = Mention.objects.get(external_id="4990000000000002").feedback
    assert question.kind == "content"
    assert Feedback.objects.count() == 3
    with pytest.raises(PermissionError):
        complaint.delete()
    assert Feedback.objects.count() == 3


def test_ingesting_the_same_export_again_adds_nothing(brand):
    setup_listening(brand)
    listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"], uploaded_file=weibo_export())

    again = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"], uploaded_file=weibo_export())

    assert (again.created, again.duplicates, again.inbox_items) == (0, 6, 0)
    assert Mention.objects.count() == 6 and Feedback.objects.count() == 3


def test_an_unknown_export_format_gets_a_clear_message(brand):
    upload = SimpleUploadedFile("x.csv", b"foo,bar\n1,2\n")
    result = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"], uploaded_file=upload)
    assert result.errors and "not a comment or mention export" in result.errors[0]["reason"]


def test_a_row_without_text_is_reported_by_line(brand):
    content = "评论ID,微博ID,评论内容,评论时间,评论者昵称\n1,5,好,2026-11-01 10:00,a\n2,5,,2026-11-01 10:00,b\n"
    result = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"],
                                     uploaded_file=SimpleUploadedFile("c.csv", content.encode()))
    assert [(error["line"], error["column"]) for error in result.errors] == [(3, "评论内容")]


def test_exclusions_win_over_keywords(brand):
    rule = KeywordRule(account=brand["adv_a"], keywords="lumière", exclusions="lamp")
    assert listening.matched_keywords("Lumière lamp on sale", [rule]) == []
    assert listening.matched_keywords("Lumière serum is great", [rule]) == ["lumière"]


def test_the_connector_interface_takes_items_from_anywhere(brand):
    save_keyword_rule(actor=brand["am_a"], account=brand["adv_a"], keywords="lumière")
    items = [(0, Heard(platform="xiaohongshu", external_id="n1", text="Lumière 精华 烂脸了，避雷",
                       published_at=timezone.now()))]
    result = listening.ingest(actor=brand["am_a"], account=brand["adv_a"], items=items)
    assert result.created == 1 and Mention.objects.get().sentiment == "negative"


def test_the_listening_pages_show_trend_and_let_a_person_correct_a_label(brand, client_for):
    setup_listening(brand)
    client = client_for(brand["am_a"])
    response = client.post(reverse("social:mention_import"), {"account": brand["adv_a"].pk, "file": weibo_export()})
    assert "6" in response.content.decode()
    assert client.get(reverse("social:mention_list")).status_code == 200
    mention = Mention.objects.get(external_id="4990000000000005")

    client.post(reverse("social:mention_sentiment", args=[mention.pk]), {"sentiment": "neutral"})

    mention.refresh_from_db()
    assert mention.sentiment == "neutral" and mention.corrections.count() == 1
    assert "Sentiment corrected by people: 1." in client.get(reverse("social:mention_list")).content.decode()
