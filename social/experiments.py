"""A/B test statistics: each variant's rate with a Wilson confidence interval, and a two-sided
two-proportion z-test of each challenger against the control (the first variant).

The verdict waits until every variant has `min_sample` trials (impressions, or clicks for the
conversion rate): "not enough data yet" rather than an early false winner. Past that, a p-value
below `ALPHA` names the better variant with confidence 1 − p ("B beats A with 97% confidence").
"""

import math
from dataclasses import dataclass

from django.db.models import Q, Sum
from scipy.stats import norm

from social.metrics import ENGAGEMENT_KINDS, rate_parts

ALPHA = 0.05
LEVEL = 0.95


@dataclass(frozen=True)
class Arm:
    label: str
    successes: int
    trials: int
    rate: float | None
    low: float | None
    high: float | None
    posts: int


@dataclass(frozen=True)
class Comparison:
    control: Arm
    challenger: Arm
    z: float | None
    p_value: float | None
    confidence: float | None  # 1 - p
    winner: Arm | None


@dataclass(frozen=True)
class Verdict:
    arms: list
    comparisons: list
    enough_data: bool
    winner: Arm | None
    confidence: float | None


def wilson_interval(successes, trials, level=LEVEL):
    if not trials:
        return None, None
    z = norm.ppf(1 - (1 - level) / 2)
    share = successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_test(successes_a, trials_a, successes_b, trials_b):
    """(z, two-sided p) for H0: both rates are equal (pooled standard error)."""
    if not trials_a or not trials_b:
        return None, None
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    error = math.sqrt(pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b))
    if error == 0:
        return 0.0, 1.0
    z = (successes_b / trials_b - successes_a / trials_a) / error
    return z, float(2 * norm.sf(abs(z)))


def arm(label, successes, trials, posts=0):
    successes, trials = int(successes), int(trials)
    low, high = wilson_interval(successes, trials)
    return Arm(label, successes, trials, successes / trials if trials else None, low, high, posts)


def verdict(arms, min_sample):
    control, *challengers = arms
    enough = bool(arms) and all(one.trials >= min_sample for one in arms)
    comparisons = []
    for challenger in challengers:
        z, p = two_proportion_test(control.successes, control.trials, challenger.successes, challenger.trials)
        winner = None
        if enough and p is not None and p < ALPHA:
            winner = challenger if challenger.rate > control.rate else control
        comparisons.append(Comparison(control, challenger, z, p, None if p is None else 1 - p, winner))
    decisive = [one for one in comparisons if one.winner is not None]
    best = min(decisive, key=lambda one: one.p_value) if decisive else None
    return Verdict(arms=arms, comparisons=comparisons, enough_data=enough,
                   winner=best.winner if best else None, confidence=best.confidence if best else None)


def arms_of(experiment):
    """Sum each variant's posts (chosen ones, and the account's posts with its creative label)."""
    from social.models import Post

    numerator, denominator = rate_parts(experiment.metric)
    sums = {name: Sum(name) for name in (*ENGAGEMENT_KINDS, "impressions", "clicks", "conversions")}
    arms = []
    for variant in experiment.variants.all():
        matches = Q(variants=variant)
        if variant.creative_label:
            matches |= Q(profile__account=experiment.account, variant_label=variant.creative_label)
        posts = Post.objects.filter(pk__in=Post.objects.filter(matches).values("pk"))
        totals = {name: value or 0 for name, value in posts.aggregate(**sums).items()}
        totals["engagement"] = sum(totals[name] for name in ENGAGEMENT_KINDS)
        arms.append(arm(variant.label, totals[numerator], totals[denominator], posts.count()))
    return arms


def experiment_verdict(experiment):
    arms = arms_of(experiment)
    if len(arms) < 2:
        return None
    return verdict(arms, experiment.min_sample)
