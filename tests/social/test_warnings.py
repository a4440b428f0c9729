"""Early warning from the public: a spike of mentions or a rise of the negative share raises a
signal through the existing warning rules, deduplicated, with the top negative mentions."""

from datetime import timedelta

from django.utils import timezone

from crisis.models import Signal, WarningRule
from crisis.services import evaluate_rules
from tests.social.factories import MentionFactory


def spike(account, now, recent=30, negative=12):
    for day in range(1, 15):  # a calm baseline: one mention a day
        MentionFactory(account=account, published_at=now - timedelta(days=day, hours=3), sentiment="neutral")
    for index in range(recent):
        MentionFactory(account=account, published_at=now - timedelta(hours=index % 20),
                       sentiment="negative" if index < negative else "neutral",
                       text=f"退货！产品过敏 #{index}" if index < negative else f"看到了 #{index}")


def test_a_mention_spike_raises_exactly_one_signal_with_the_top_negative_mentions(alliance):
    now = timezone.now()
    WarningRule.objects.create(name="Mention spike", kind="mention_spike")
    spike(alliance["adv_a"], now)

    evaluate_rules(now=now)
    evaluate_rules(now=now + timedelta(minutes=10))  # the beat runs again: still one signal

    signal = Signal.objects.get()
    assert signal.account == alliance["adv_a"] and signal.resolved_at is None
    assert signal.evidence["mentions"] == 30
    assert len(signal.evidence["top_negative"]) == 5
    assert all("退货" in item["text"] for item in signal.evidence["top_negative"])


def test_a_calm_account_raises_nothing(alliance):
    now = timezone.now()
    WarningRule.objects.create(name="Mention spike", kind="mention_spike")
    for day in range(14):
        MentionFactory(account=alliance["adv_a"], published_at=now - timedelta(days=day, hours=2))
    evaluate_rules(now=now)
    assert not Signal.objects.exists()


def test_a_rise_of_the_negative_share_raises_a_signal(alliance):
    now = timezone.now()
    WarningRule.objects.create(name="Negative share", kind="negative_share_rise", scope="account",
                               account=alliance["adv_a"])
    for day in range(4, 30):
        MentionFactory(account=alliance["adv_a"], published_at=now - timedelta(days=day),
                       sentiment="negative" if day % 10 == 0 else "positive")
    for hour in range(12):
        MentionFactory(account=alliance["adv_a"], published_at=now - timedelta(hours=hour * 5),
                       sentiment="negative" if hour < 6 else "positive")

    evaluate_rules(now=now)

    signal = Signal.objects.get()
    assert signal.evidence["negative_share"] == 0.5
    assert signal.evidence["baseline_share"] < 0.15
