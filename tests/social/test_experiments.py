"""A/B tests: rates with confidence intervals, a significance test with a known p-value, a
verdict that waits for the minimum sample, and the decision recorded."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from social import experiments
from social.services import create_experiment, decide_experiment
from tests.social.factories import PostFactory


def test_two_proportion_test_matches_the_textbook_p_value():
    # 200/10,000 vs 260/10,000 clicks: R's prop.test(c(200, 260), c(10000, 10000), correct=FALSE)
    # gives X-squared = 8.0104, p-value = 0.004651.
    z, p = experiments.two_proportion_test(200, 10_000, 260, 10_000)
    assert z == pytest.approx(8.0104 ** 0.5, abs=1e-3)
    assert p == pytest.approx(0.004651, abs=1e-6)


def test_wilson_interval_matches_the_reference_values():
    low, high = experiments.wilson_interval(200, 10_000)
    assert (round(low, 5), round(high, 5)) == (0.01743, 0.02293)


def test_the_verdict_names_the_winner_with_its_confidence_once_the_sample_is_reached():
    verdict = experiments.verdict([experiments.arm("A", 200, 10_000), experiments.arm("B", 260, 10_000)], 5_000)
    assert verdict.enough_data and verdict.winner.label == "B"
    assert verdict.confidence == pytest.approx(1 - 0.004651, abs=1e-6)


def test_no_verdict_before_every_variant_has_the_minimum_sample():
    verdict = experiments.verdict([experiments.arm("A", 20, 400), experiments.arm("B", 60, 400)], 1_000)
    assert not verdict.enough_data and verdict.winner is None
    assert verdict.comparisons[0].p_value < 0.05  # significant already, but the sample is too small


def test_a_small_difference_is_not_a_winner():
    verdict = experiments.verdict([experiments.arm("A", 200, 10_000), experiments.arm("B", 210, 10_000)], 1_000)
    assert verdict.enough_data and verdict.winner is None


def test_the_page_shows_the_verdict_and_the_decision_is_recorded(brand, client_for):
    profile = brand["douyin"]
    a_posts = [PostFactory(profile=profile, impressions=5_000, clicks=100, variant_label="A") for _ in range(2)]
    b_posts = [PostFactory(profile=profile, impressions=5_000, clicks=130, variant_label="B") for _ in range(2)]
    experiment = create_experiment(actor=brand["am_a"], account=brand["adv_a"], name="Cover image", metric="ctr",
                                   min_sample=5_000, variants=[("A", a_posts, ""), ("B", b_posts, "")])
    client = client_for(brand["am_a"])

    html = client.get(experiment.get_absolute_url()).content.decode()
    assert "B beats A with 99.5% confidence" in html

    client.post(reverse("social:experiment_decide", args=[experiment.pk]), {
        "decision": "adopt", "winner": experiment.variants.get(label="B").pk, "note": "Use the B cover"})
    experiment.refresh_from_db()
    assert (experiment.decision, experiment.winner.label, experiment.decided_by) == ("adopt", "B", brand["am_a"])
    assert AuditEntry.objects.filter(action="social.experiment_decided").exists()


def test_variants_can_be_defined_by_creative_label(brand):
    PostFactory(profile=brand["douyin"], impressions=1_000, clicks=10, variant_label="blue")
    PostFactory(profile=brand["douyin"], impressions=1_000, clicks=30, variant_label="red")
    experiment = create_experiment(actor=brand["am_a"], account=brand["adv_a"], name="Colour", metric="ctr",
                                   min_sample=100_000, variants=[("Blue", [], "blue"), ("Red", [], "red")])
    verdict = experiments.experiment_verdict(experiment)
    assert [(arm.label, arm.successes, arm.trials) for arm in verdict.arms] == [("Blue", 10, 1000), ("Red", 30, 1000)]
    assert not verdict.enough_data


def test_a_decision_needs_a_winner_of_the_same_test(brand):
    post = PostFactory(profile=brand["douyin"])
    experiment = create_experiment(actor=brand["am_a"], account=brand["adv_a"], name="X", metric="ctr",
                                   min_sample=10, variants=[("A", [post], ""), ("B", [], "b")])
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        decide_experiment(actor=brand["am_a"], experiment=experiment, decision="adopt")
