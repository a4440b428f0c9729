"""Writes to the social channel: each checks permission, validates, audits and returns the object."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import diff, record, snapshot
from feedback.models import Feedback
from social.models import (
    Experiment,
    FollowerCount,
    KeywordRule,
    RightsStatus,
    SentimentCorrection,
    SocialProfile,
    Variant,
)
from socialcrm.visibility import ensure_can_work_on_social


def create_profile(*, actor, account, platform, handle, url="", competitor_name="", request=None):
    ensure_can_work_on_social(actor, account)
    with transaction.atomic():
        profile = SocialProfile(account=account, platform=platform, handle=handle.strip().lstrip("@"), url=url,
                                competitor_name=competitor_name.strip())
        profile.full_clean()
        profile.save()
        record(actor=actor, action="social.profile_created", target=profile, request=request,
               changes=snapshot(profile, fields=("account", "platform", "handle", "url", "competitor_name")))
    return profile


def record_followers(*, actor, profile, counts, request=None):
    """`counts`: {day: followers}. A day given again replaces its number (idempotent)."""
    ensure_can_work_on_social(actor, profile.account)
    today = timezone.localdate()
    if any(day > today for day in counts):
        raise ValidationError(_("A follower count cannot be for a day in the future."))
    with transaction.atomic():
        existing = {row.day: row for row in FollowerCount.objects.filter(profile=profile, day__in=list(counts))}
        new = [FollowerCount(profile=profile, day=day, followers=followers)
               for day, followers in counts.items() if day not in existing]
        for day, row in existing.items():
            row.followers = counts[day]
        FollowerCount.objects.bulk_create(new)
        FollowerCount.objects.bulk_update(list(existing.values()), ["followers"])
        record(actor=actor, action="social.followers_recorded", target=profile, request=request,
               changes={"days": len(counts), "new": len(new), "replaced": len(existing)})
    return len(new), len(existing)


def correct_sentiment(*, actor, mention, sentiment, request=None):
    """A person's label replaces the analyser's; the correction is kept and counted. The inbox
    item it opened (if any) gets the same label."""
    ensure_can_work_on_social(actor, mention.account)
    if sentiment not in Feedback.Sentiment.values:
        raise ValidationError(_("Choose positive, neutral or negative."))
    with transaction.atomic():
        was = mention.sentiment
        SentimentCorrection.objects.create(mention=mention, was=was, now=sentiment, corrected_by=actor)
        mention.sentiment, mention.sentiment_is_manual = sentiment, True
        mention.save(update_fields=["sentiment", "sentiment_is_manual"])
        if mention.feedback_id:
            mention.feedback.sentiment, mention.feedback.sentiment_is_manual = sentiment, True
            mention.feedback.save(update_fields=["sentiment", "sentiment_is_manual", "updated_at"])
        record(actor=actor, action="social.sentiment_corrected", target=mention, request=request,
               changes={"sentiment": [was, sentiment]})
    return mention


def set_ugc(*, actor, item, account, is_ugc, rights_status, request=None):
    """Mark a post or mention as user-generated content and track the reuse rights request."""
    ensure_can_work_on_social(actor, account)
    if rights_status not in RightsStatus.values:
        raise ValidationError(_("Unknown rights status."))
    if rights_status and not is_ugc:
        raise ValidationError(_("Only user-generated content has reuse rights to ask for."))
    with transaction.atomic():
        before = snapshot(item, fields=("is_ugc", "rights_status"))
        item.is_ugc, item.rights_status = is_ugc, rights_status
        if before["rights_status"] != rights_status:
            item.rights_updated_at = timezone.now()
        item.save(update_fields=["is_ugc", "rights_status", "rights_updated_at"])
        changes = diff(before, snapshot(item, fields=("is_ugc", "rights_status")))
        if changes:
            record(actor=actor, action="social.ugc_updated", target=item, request=request, changes=changes)
    return item


def save_keyword_rule(*, actor, account, keywords, exclusions="", rule=None, is_active=True, request=None):
    ensure_can_work_on_social(actor, account)
    with transaction.atomic():
        rule = rule or KeywordRule(account=account)
        before = snapshot(rule, fields=("keywords", "exclusions", "is_active")) if rule.pk else {}
        rule.keywords, rule.exclusions, rule.is_active = keywords, exclusions, is_active
        if not rule.keyword_list():
            raise ValidationError(_("Give at least one keyword."))
        rule.save()
        record(actor=actor, action="social.keyword_rule_saved", target=account, request=request,
               changes=diff(before, snapshot(rule, fields=("keywords", "exclusions", "is_active"))))
    return rule


def create_experiment(*, actor, account, name, metric, min_sample, variants, hypothesis="", request=None):
    """`variants`: [(label, posts, creative_label)], the first being the control."""
    ensure_can_work_on_social(actor, account)
    if len(variants) < 2:
        raise ValidationError(_("An A/B test needs at least two variants."))
    for _label, posts, creative_label in variants:
        if not posts and not creative_label:
            raise ValidationError(_("Each variant needs posts or a creative variant label."))
        if any(post.profile.account_id != account.pk for post in posts):
            raise ValidationError(_("Every post of a variant must belong to the test's account."))
    with transaction.atomic():
        experiment = Experiment.objects.create(account=account, name=name, metric=metric, min_sample=min_sample,
                                               hypothesis=hypothesis, created_by=actor)
        for label, posts, creative_label in variants:
            variant = Variant.objects.create(experiment=experiment, label=label, creative_label=creative_label)
            variant.posts.set(posts)
        record(actor=actor, action="social.experiment_created", target=experiment, request=request,
               changes={"metric": metric, "min_sample": min_sample,
                        "variants": [label for label, _posts, _creative in variants]})
    return experiment


def decide_experiment(*, actor, experiment, decision, winner=None, note="", request=None):
    """Record what was decided, by whom and why (the verdict shown beside it is the statistics')."""
    ensure_can_work_on_social(actor, experiment.account)
    if decision not in Experiment.Decision.values or not decision:
        raise ValidationError(_("Choose a decision."))
    if decision == Experiment.Decision.ADOPT and winner is None:
        raise ValidationError(_("Say which variant is adopted."))
    if winner is not None and winner.experiment_id != experiment.pk:
        raise ValidationError(_("That variant is not part of this test."))
    with transaction.atomic():
        experiment.decision, experiment.winner, experiment.decision_note = decision, winner, note
        experiment.decided_by, experiment.decided_at = actor, timezone.now()
        experiment.save()
        record(actor=actor, action="social.experiment_decided", target=experiment, request=request,
               changes={"decision": decision, "winner": str(winner or ""), "note": note})
    return experiment
