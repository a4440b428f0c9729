"""Sentiment you can trust: measured on a labelled set of Chinese and English comments."""

import pytest
from django.core.management import call_command

from feedback.services import save_new_feedback
from social import sentiment
from social.evaluation import evaluate
from social.services import correct_sentiment
from tests.social.factories import MentionFactory


def test_the_analyser_is_right_on_at_least_85_percent_of_the_labelled_set_and_each_class():
    result = evaluate()
    assert result.total >= 300
    assert {"positive", "neutral", "negative"} == set(result.support)
    assert result.accuracy >= 0.85, result.mistakes
    assert min(result.recall.values()) >= 0.80, result.recall


def test_the_command_prints_accuracy_and_per_class_recall(capsys):
    call_command("sentiment_accuracy")
    out = capsys.readouterr().out
    assert "accuracy:" in out and "recall negative:" in out and "recall neutral:" in out


@pytest.mark.parametrize(("text", "expected"), [
    ("广告太多了，很烦", "negative"),
    ("The app does not work. Terrible.", "negative"),
    ("不好用", "negative"),
    ("不贵，效果也很好", "positive"),  # 不 is scoped to its clause: it never reaches 好
    ("not bad at all", "positive"),
    ("质量不错，但是客服态度差", "negative"),  # what follows "but" weighs more
    ("请问什么时候发货？", "neutral"),
])
def test_negation_is_scoped_to_its_clause_and_words_are_segmented(text, expected):
    assert sentiment.classify(text) == expected


def test_feedback_uses_the_same_analyser(db):
    feedback = save_new_feedback(kind="content", source="public", channel="Weibo", text="广告太多了，很烦")
    assert feedback.sentiment == "negative"


def test_a_correction_is_kept_counted_and_passed_to_the_inbox_item(brand):
    mention = MentionFactory(account=brand["adv_a"], sentiment="positive", text="呵呵，真是好产品")

    correct_sentiment(actor=brand["am_a"], mention=mention, sentiment="negative")

    mention.refresh_from_db()
    assert (mention.sentiment, mention.sentiment_is_manual) == ("negative", True)
    assert mention.corrections.get().was == "positive"
