from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import analytics
from feedback.analytics import nps, nps_of, percentile, terms_of
from social.sentiment import classify
from tests.feedback.factories import FeedbackFactory


@pytest.mark.parametrize("scores, expected", [
    ([], None),                                # nobody answered: no data, not zero
    ([None, None], None),
    ([10, 9, 10], 100.0),                      # all promoters
    ([0, 3, 6], -100.0),                       # all detractors (6 is still a detractor)
    ([7, 8, 8], 0.0),                          # passives only
    ([9, 6], 0.0),                             # one each cancels out
    ([10, 7, 0, 9], 25.0),                     # 2 promoters - 1 detractor out of 4
    ([9, 8, 7], 33.3),                         # rounded to one decimal
    ([10, None, 2, 2], -33.3),                 # missing scores are not counted
])
def test_nps_is_promoters_minus_detractors_in_percent(scores, expected):
    assert nps_of(scores) == expected


def test_nps_from_counts_matches_the_scores():
    assert nps(promoters=3, detractors=1, total=8) == 25.0
    assert nps(promoters=0, detractors=0, total=0) is None


@pytest.mark.django_db
def test_summary_computes_nps_in_sql(alliance):
    for score in (10, 9, 8, 3, None):
        FeedbackFactory(account=alliance["adv_a"], nps=score, rating=None if score is None else 4)
    numbers = analytics.summary(alliance["adv_a"].feedback.all())
    assert numbers["count"] == 5 and numbers["scored"] == 4
    assert numbers["nps"] == 25.0
    assert numbers["avg_rating"] == 4


def test_percentile_interpolates_like_numpy():
    assert percentile([], 0.5) is None
    assert percentile([5], 0.9) == 5
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)


@pytest.mark.django_db
def test_response_time_median_and_p90(alliance):
    start = timezone.now() - timedelta(days=3)
    for hours in (1, 2, 3, 4, 10):
        FeedbackFactory(account=alliance["adv_a"], received_at=start, first_response_at=start + timedelta(hours=hours),
                        resolved_at=start + timedelta(hours=hours * 2))
    FeedbackFactory(account=alliance["adv_a"], received_at=start)  # unanswered: not counted
    times = analytics.response_times(alliance["adv_a"].feedback.all())
    assert times["first_response"]["median"] == 3
    assert times["first_response"]["p90"] == pytest.approx(7.6)
    assert times["first_response"]["n"] == 5
    assert times["resolution"]["median"] == 6


@pytest.mark.django_db
def test_trends_per_month_and_breakdowns_per_kind(alliance):
    now = timezone.now()
    FeedbackFactory(account=alliance["adv_a"], received_at=now, rating=2, nps=2, kind="billing", sentiment="negative")
    FeedbackFactory(account=alliance["adv_a"], received_at=now, rating=4, nps=10, kind="billing")
    FeedbackFactory(account=alliance["adv_a"], received_at=now - timedelta(days=62), rating=5, nps=9, kind="praise")
    trend = analytics.monthly_trend(alliance["adv_a"].feedback.all())
    assert [row["count"] for row in trend] == [1, 2]
    assert trend[-1]["avg_rating"] == 3 and trend[-1]["nps"] == 0.0 and trend[-1]["negative"] == 1
    by_kind = {row["label"]: row for row in analytics.breakdown(alliance["adv_a"].feedback.all(), "kind")}
    assert by_kind["billing"]["count"] == 2 and by_kind["praise"]["nps"] == 100.0


def test_topics_drop_stopwords_and_use_chinese_bigrams():
    assert terms_of("The report was late and the report was wrong") == {"report", "late", "wrong"}
    assert terms_of("结算延迟") == {"结算", "算延", "延迟"}
    assert "的结" not in terms_of("我们的结算")


@pytest.mark.django_db
def test_top_topics_count_each_feedback_once(alliance):
    for text in ("Report late again, report!", "The report is late", "结算延迟", "结算延迟了", "Great"):
        FeedbackFactory(account=alliance["adv_a"], text=text)
    topics = {row["term"]: row["count"] for row in analytics.top_topics(alliance["adv_a"].feedback.all())}
    assert topics["report"] == 2 and topics["late"] == 2 and topics["延迟"] == 2
    assert "great" not in topics  # mentioned once is not recurring


@pytest.mark.parametrize("text, expected", [
    ("The team was great and very responsive", "positive"),
    ("The report was late and full of errors", "negative"),
    ("Not good at all", "negative"),
    ("not bad", "positive"),
    ("We never had a problem", "positive"),
    ("The campaign didn't fail", "positive"),
    ("The invoice arrived on Tuesday", "neutral"),
    ("", "neutral"),
    ("非常满意，推荐给同行", "positive"),
    ("投诉：结算延迟，非常失望", "negative"),
    ("服务不好", "negative"),
    ("效果不差", "positive"),
    ("不满意", "negative"),
    ("没有问题", "positive"),
    ("Great campaign 但是结算延迟，很失望", "negative"),
])
def test_offline_sentiment_handles_english_chinese_and_negation(text, expected):
    assert classify(text) == expected
