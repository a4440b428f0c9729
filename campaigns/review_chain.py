"""The review chain's rules: who may be decided when, and what a send-back re-opens.

- A review is decided only once every step before it (its predecessors, and theirs) is done.
- A later stage (client after internal, compliance after both) cannot be approved while an
  earlier stage of the same campaign has its changes still outstanding.
- Sending work back re-opens the nearest production step before the review, every step from
  there to the review, and any later review already approved: the work it approved changed.
"""

from django.utils.translation import gettext as _

from campaigns import scheduling
from campaigns.models import Review, ReviewStage

STAGE_ORDER = {ReviewStage.INTERNAL: 0, ReviewStage.CLIENT: 1, ReviewStage.COMPLIANCE: 2}


def refusals(review_step, decision, milestones):
    """Why `decision` cannot be recorded on `review_step` now: a list of messages (empty: it can)."""
    by_pk = {milestone.pk: milestone for milestone in milestones}
    steps = _steps(milestones)
    messages = []
    waiting = [by_pk[key] for key in _ancestors(steps, review_step.pk) if by_pk[key].is_open]
    if waiting:
        messages.append(_("“%(review)s” cannot be decided yet: %(steps)s not done.") % {
            "review": review_step.name, "steps": _names(waiting)})
    if decision == Review.Decision.APPROVED:
        for earlier in _outstanding_earlier_stages(review_step, milestones):
            messages.append(_(
                "“%(review)s” cannot be approved while “%(earlier)s” has changes requested: "
                "approve the %(stage)s review first.") % {
                "review": review_step.name, "earlier": earlier.name,
                "stage": earlier.get_review_stage_display().lower()})
    return messages


def _outstanding_earlier_stages(review_step, milestones):
    """Earlier-stage reviews whose last decision sent the work back and that are not approved since."""
    rank = STAGE_ORDER.get(review_step.review_stage, 0)
    return [
        milestone for milestone in milestones
        if milestone.is_review and milestone.is_open and milestone.pk != review_step.pk
        and STAGE_ORDER.get(milestone.review_stage, 0) < rank and _last_sent_back(milestone)
    ]


def _last_sent_back(milestone):
    reviews = list(milestone.reviews.all())
    return bool(reviews) and max(reviews, key=lambda r: (r.decided_at, r.pk)).sends_work_back


def sent_back_to(review_step, milestones):
    """The production step a review sends work back to: the nearest non-review step before it."""
    by_pk = {milestone.pk: milestone for milestone in milestones}
    before = scheduling.predecessors(_steps(milestones))
    frontier, seen = list(before[review_step.pk]), set()
    while frontier:
        candidates = [by_pk[key] for key in frontier if key not in seen]
        seen.update(frontier)
        production = [m for m in candidates if not m.is_review]
        if production:
            return max(production, key=lambda m: m.sequence)
        frontier = [key for m in candidates for key in before[m.pk]]
    return None


def to_reopen(review_step, target, milestones):
    """The milestones a send-back re-opens (the target and review included)."""
    steps = _steps(milestones)
    keys = scheduling.between(steps, target.pk, review_step.pk) | {target.pk, review_step.pk}
    after = scheduling.successors(steps)
    downstream = scheduling.reachable(review_step.pk, after) - {review_step.pk}
    approved_later = {m.pk for m in milestones if m.pk in downstream and m.is_review and not m.is_open}
    return [m for m in milestones if m.pk in keys | approved_later]


def _ancestors(steps, key):
    return scheduling.reachable(key, scheduling.predecessors(steps)) - {key}


def _steps(milestones):
    from campaigns.projection import predecessor_keys, step_of

    return [step_of(milestone, predecessor_keys(milestone)) for milestone in milestones]


def _names(milestones):
    return ", ".join(f"“{m.name}”" for m in sorted(milestones, key=lambda m: m.sequence))
