"""Writes to campaigns and their plans: permission, validation, one transaction, one audit entry."""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import diff, record, snapshot
from campaigns import closing, compliance, planning, review_chain, scheduling, team
from campaigns.models import (
    CalendarFeed,
    Campaign,
    KpiTarget,
    Milestone,
    Review,
    StepComment,
)
from notifications.models import Notification
from notifications.services import notify
from socialcrm.messages import choice, deferred
from socialcrm.visibility import (
    can_create_campaign,
    can_decide_client_review,
    can_edit_campaign,
    can_work_on_milestone,
    publishers_visible_to,
)

CAMPAIGN_FIELDS = (
    "name", "advertiser", "platforms", "objective", "goals", "budget", "currency",
    "start_on", "launch_on", "end_on", "project_lead", "account_manager",
)
TARGET_FIELDS = ("kpi", "direction", "target", "at_risk_threshold")

# The way forward first: the campaign page offers them in this order, so the control never
# starts on a step backwards; cancelling (final) is a separate, confirmed button.
STATUS_TRANSITIONS = {
    Campaign.Status.PLANNING: (Campaign.Status.IN_PRODUCTION, Campaign.Status.CANCELLED),
    Campaign.Status.IN_PRODUCTION: (Campaign.Status.LIVE, Campaign.Status.PAUSED, Campaign.Status.PLANNING,
                                    Campaign.Status.CANCELLED),
    Campaign.Status.LIVE: (Campaign.Status.PAUSED, Campaign.Status.FINISHED, Campaign.Status.CANCELLED),
    Campaign.Status.PAUSED: (Campaign.Status.LIVE, Campaign.Status.FINISHED, Campaign.Status.CANCELLED),
    Campaign.Status.FINISHED: (),
    Campaign.Status.CANCELLED: (),
}


def allowed_transitions(campaign):
    return STATUS_TRANSITIONS.get(campaign.status, ())


# Campaigns ------------------------------------------------------------------------------------


def create_campaign(*, actor, fields, publishers=(), targets=(), template=None, request=None):
    """A new campaign; with a template, its plan is laid out backwards from the launch date."""
    if not can_create_campaign(actor):
        raise PermissionDenied
    fields = _assignable(actor, fields)
    with transaction.atomic():
        campaign = Campaign(**fields)
        campaign.save()
        campaign.publishers.set(publishers)
        _save_targets(campaign, targets)
        record(actor=actor, action="campaigns.campaign.created", target=campaign,
               changes=snapshot(campaign, fields=CAMPAIGN_FIELDS), request=request)
        if template is not None:
            _lay_out_plan(actor=actor, campaign=campaign, template=template, request=request)
    return campaign


def update_campaign(*, actor, campaign, fields, publishers, targets=(), request=None):
    _require_edit(actor, campaign)
    fields = _assignable(actor, fields, campaign=campaign)
    if "launch_on" in fields and fields["launch_on"] != campaign.launch_on and campaign.milestones.exists():
        raise ValidationError(_("Move the launch date through the plan, so the milestones follow."))
    before = snapshot(campaign, fields=CAMPAIGN_FIELDS)
    before_publishers = sorted(campaign.publishers.values_list("pk", flat=True))
    # A confidential publisher the editor may not see is not offered to them, so it stays.
    publishers = [*publishers, *campaign.publishers.exclude(pk__in=publishers_visible_to(actor).values("pk"))]
    with transaction.atomic():
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.save()
        campaign.publishers.set(publishers)
        _save_targets(campaign, targets)
        changes = diff(before, snapshot(campaign, fields=CAMPAIGN_FIELDS))
        after_publishers = sorted(p.pk for p in publishers)
        if after_publishers != before_publishers:
            changes["publishers"] = [before_publishers, after_publishers]
        record(actor=actor, action="campaigns.campaign.updated", target=campaign, changes=changes,
               request=request)
    return campaign


def change_campaign_status(*, actor, campaign, status, request=None):
    _require_edit(actor, campaign)
    if status not in allowed_transitions(campaign):
        raise ValidationError(_("A %(current)s campaign cannot become %(new)s.") % {
            "current": campaign.get_status_display(), "new": Campaign.Status(status).label,
        } if status in Campaign.Status.values else _("Unknown status."))
    if status == Campaign.Status.FINISHED:
        closing.ensure_end_review_written(campaign)
    old = campaign.status
    with transaction.atomic():
        campaign.status = status
        campaign.save(update_fields=["status", "updated_at"])
        record(actor=actor, action="campaigns.campaign.status_changed", target=campaign,
               changes={"status": [old, status]}, request=request)
    return campaign


def _assignable(actor, fields, campaign=None):
    """Only admins choose the project lead and account manager; others get the natural ones."""
    fields = {name: value for name, value in fields.items() if name in CAMPAIGN_FIELDS}
    advertiser = fields.get("advertiser") or campaign.advertiser
    if not actor.is_admin:
        fields["project_lead"] = campaign.project_lead if campaign else actor
        fields["account_manager"] = advertiser.account_manager
    fields.setdefault("project_lead", actor)
    if fields.get("account_manager") is None:
        fields["account_manager"] = advertiser.account_manager
    return fields


def _save_targets(campaign, targets):
    """Upsert one target per KPI; a KPI left out keeps its target (targets are never deleted)."""
    for target in targets:
        values = {name: target[name] for name in TARGET_FIELDS if name != "kpi"}
        KpiTarget.objects.update_or_create(campaign=campaign, kpi=target["kpi"], defaults=values)


def _require_edit(actor, campaign):
    if not can_edit_campaign(actor, campaign):
        raise PermissionDenied


# Plans ----------------------------------------------------------------------------------------


def generate_plan(*, actor, campaign, template, request=None):
    """Lay out a template's steps backwards from the campaign's launch date."""
    _require_edit(actor, campaign)
    with transaction.atomic():
        return _lay_out_plan(actor=actor, campaign=campaign, template=template, request=request)


def _lay_out_plan(*, actor, campaign, template, request):
    if campaign.milestones.exists():
        raise ValidationError(_("This campaign already has a plan."))
    template_steps = list(template.steps.order_by("sequence"))
    if not template_steps:
        raise ValidationError(_("The template has no steps."))
    steps = [scheduling.Step(key=step.sequence, duration_days=step.duration_days,
                             buffer_days=step.buffer_days,
                             after=None if step.after is None else tuple(step.after))
             for step in template_steps]
    planned = scheduling.plan_backwards(steps, campaign.launch_on, planning.work_calendar())
    members = list(campaign.team.filter(removed_at__isnull=True).select_related("user").order_by("added_at"))
    milestones = Milestone.objects.bulk_create(
        Milestone(
            campaign=campaign, sequence=step.sequence, kind=step.kind, name=step.name,
            owner=team.owner_for_role(campaign, step.owner_role, members),
            duration_days=step.duration_days, buffer_days=step.buffer_days,
            starts_on=slot.starts_on, due_on=slot.due_on, planned_due_on=slot.due_on,
            review_stage=step.review_stage, is_key=step.is_key,
        )
        for step, slot in zip(template_steps, planned, strict=True)
    )
    _link(milestones, scheduling.predecessors(steps))
    record(actor=actor, action="campaigns.plan.generated", target=campaign, request=request,
           changes={"template": template.name, "launch_on": campaign.launch_on,
                    "milestones": {m.name: [str(m.starts_on), str(m.due_on)] for m in milestones}})
    return milestones


def _link(milestones, predecessors):
    """Save the dependencies {sequence: (sequences before it)} between the new milestones."""
    Link = Milestone.predecessors.through
    by_sequence = {milestone.sequence: milestone for milestone in milestones}
    Link.objects.bulk_create(
        Link(from_milestone_id=by_sequence[later].pk, to_milestone_id=by_sequence[earlier].pk)
        for later, earlier_ones in predecessors.items() for earlier in earlier_ones
    )


def move_milestone(*, actor, milestone, due_on, request=None):
    """A new due date for one step; the steps after it follow as far as their buffers cannot absorb."""
    _require_edit(actor, milestone.campaign)
    with transaction.atomic():
        milestones = _lock_plan(milestone.campaign)
        calendar = planning.work_calendar()
        steps = scheduling.move_step(planning.steps_of(milestones), milestone.pk, due_on, calendar)
        moved = _apply(milestones, steps)
        record(actor=actor, action="campaigns.milestone.moved", target=milestone,
               changes={"moved": moved}, request=request)
    return moved


def move_launch(*, actor, campaign, launch_on, request=None):
    """Move the launch and re-plan every open step backwards from it; the end date keeps its distance."""
    _require_edit(actor, campaign)
    old_launch = campaign.launch_on
    with transaction.atomic():
        milestones = _lock_plan(campaign)
        calendar = planning.work_calendar()
        steps = scheduling.replan_to_launch(planning.steps_of(milestones), launch_on, calendar)
        moved = _apply(milestones, steps)
        shift = launch_on - old_launch
        campaign.launch_on = launch_on
        campaign.end_on += shift
        campaign.start_on = min(campaign.start_on, launch_on)
        campaign.save(update_fields=["launch_on", "end_on", "start_on", "updated_at"])
        record(actor=actor, action="campaigns.launch.moved", target=campaign, request=request,
               changes={"launch_on": [old_launch, launch_on], "moved": moved})
    return campaign


def _lock_plan(campaign, *, with_reviews=False):
    related = ("predecessors", "reviews") if with_reviews else ("predecessors",)
    return list(campaign.milestones.select_for_update().select_related("campaign")
                .prefetch_related(*related).order_by("sequence"))


def _apply(milestones, steps):
    """Save the new dates; {milestone name: [old due, new due]} for the ones that moved."""
    changed, moved = [], {}
    for milestone, step in zip(milestones, steps, strict=True):
        if (milestone.starts_on, milestone.due_on) == (step.starts_on, step.due_on):
            continue
        moved[milestone.name] = [str(milestone.due_on), str(step.due_on)]
        milestone.starts_on, milestone.due_on = step.starts_on, step.due_on
        changed.append(milestone)
    Milestone.objects.bulk_update(changed, ["starts_on", "due_on"])
    return moved


# Milestones and reviews -----------------------------------------------------------------------


def change_milestone_status(*, actor, milestone, status, blocked_reason="", request=None):
    """A new status for a step; blocking it needs the reason (shown wherever the step is)."""
    if not can_work_on_milestone(actor, milestone):
        raise PermissionDenied
    if status not in Milestone.Status.values:
        raise ValidationError(_("Unknown status."))
    if milestone.is_review and status == Milestone.Status.DONE:
        raise ValidationError(_("A review step is done when its approval is recorded."))
    blocked_reason = blocked_reason.strip() if status == Milestone.Status.BLOCKED else ""
    if status == Milestone.Status.BLOCKED and not blocked_reason:
        raise ValidationError(_("Say why “%(step)s” is blocked: what is it waiting for?") % {"step": milestone.name})
    old, old_reason = milestone.status, milestone.blocked_reason
    with transaction.atomic():
        milestone.status = status
        milestone.blocked_reason = blocked_reason
        milestone.completed_at = timezone.now() if status == Milestone.Status.DONE else None
        milestone.save(update_fields=["status", "blocked_reason", "completed_at"])
        changes = {"status": [old, status]}
        if old_reason != blocked_reason:
            changes["blocked_reason"] = [old_reason, blocked_reason]
        record(actor=actor, action="campaigns.milestone.status_changed", target=milestone,
               changes=changes, request=request)
    return milestone


def record_review(*, actor, milestone, reviewer, decision, comments="", copy_text="",
                  justification="", request=None):
    """Record a decision on a review step. Approval closes it; anything else sends the work back.

    The review chain's rules (campaigns.review_chain) refuse a decision out of order.
    """
    if not can_work_on_milestone(actor, milestone):
        raise PermissionDenied
    return _decide(actor=actor, milestone=milestone, reviewer=reviewer, decision=decision, comments=comments,
                   copy_text=copy_text, justification=justification, request=request)


def record_client_decision(*, actor, contact, milestone, decision, comments="", attachment=None, request=None):
    """The client's own contact decides a client review (in the portal, or through a signed link
    sent by `actor`): recorded with the contact's identity, re-planned exactly as a staff decision."""
    if not can_decide_client_review(contact, milestone):
        raise PermissionDenied
    if decision not in (Review.Decision.APPROVED, Review.Decision.CHANGES_REQUESTED):
        raise ValidationError(_("Unknown decision."))
    if decision == Review.Decision.CHANGES_REQUESTED and not (comments or "").strip():
        raise ValidationError(_("Say which changes you need."))
    return _decide(actor=actor, milestone=milestone, reviewer=contact.name, decision=decision,
                   comments=comments, contact=contact, attachment=attachment, request=request)


def _decide(*, actor, milestone, reviewer, decision, comments="", copy_text="", justification="", contact=None,
            attachment=None, request=None):
    if not milestone.is_review:
        raise ValidationError(_("Only review steps take review decisions."))
    if milestone.status == Milestone.Status.DONE:
        raise ValidationError(_("This review is already approved."))
    if decision not in Review.Decision.values:
        raise ValidationError(_("Unknown decision."))
    with transaction.atomic():
        milestones = _lock_plan(milestone.campaign, with_reviews=True)
        review_step = next(m for m in milestones if m.pk == milestone.pk)
        refused = review_chain.refusals(review_step, decision, milestones)
        drafts = list(review_step.comments.select_for_update().filter(
            review__isnull=True, archived_at__isnull=True).exclude(attachment=""))
        flags = compliance.merge_flags([compliance.check_copy(copy_text),
                                        *([compliance.Flag.from_json(f) for f in d.flags] for d in drafts)])
        if flags and decision == Review.Decision.APPROVED and not justification.strip():
            refused.append(_("The copy has flagged terms (%(terms)s): write why approving it is right.")
                           % {"terms": ", ".join(flag.term for flag in flags)})
        if refused:
            raise ValidationError(refused)
        review = Review.objects.create(
            milestone=milestone, stage=milestone.review_stage, reviewer=reviewer,
            decision=decision, comments=comments, recorded_by=actor, copy_text=copy_text,
            flags=[flag.as_json() for flag in flags], justification=justification,
            decided_by_contact=contact, attachment=attachment or "",
        )
        StepComment.objects.filter(pk__in=[d.pk for d in drafts]).update(review=review)
        if decision == Review.Decision.APPROVED:
            milestone.status = Milestone.Status.DONE
            milestone.completed_at = review.decided_at
            milestone.save(update_fields=["status", "completed_at"])
            moved = {}
        else:
            moved = _send_work_back(review, review_step, milestones)
        record(actor=actor, action=f"campaigns.review.{decision}", target=milestone, request=request,
               changes={"reviewer": reviewer, "stage": review.stage, "comments": comments,
                        "decided_by_contact": getattr(contact, "pk", None),
                        "flags": [flag.term for flag in flags], "justification": justification,
                        "moved": moved, "launch_slip_working_days": review.slip_working_days})
    return review


def _send_work_back(review, review_step, milestones):
    """Re-open the work the review sends back and re-plan it from the next working day."""
    target = review_chain.sent_back_to(review_step, milestones) or review_step
    reopened = review_chain.to_reopen(review_step, target, milestones)
    reopened_keys = {m.pk for m in reopened}
    calendar = planning.work_calendar()
    steps = planning.steps_of(milestones)
    before = scheduling.launch_impact(review_step.campaign.launch_on, steps, calendar)
    restart_on = calendar.add_working_days(timezone.localdate(review.decided_at), 1)
    steps = [replace(step, locked=False) if step.key in reopened_keys else step for step in steps]
    steps = scheduling.rework(steps, rework_key=target.pk, review_key=review_step.pk,
                              restart_on=restart_on, calendar=calendar)
    after = scheduling.launch_impact(review_step.campaign.launch_on, steps, calendar)
    moved = _apply(milestones, steps)
    _reopen(reopened, first=target)
    review.reworked_milestone = target
    review.slip_working_days = after.working_days - before.working_days
    review.save(update_fields=["reworked_milestone", "slip_working_days"])
    notify(recipient=target.owner, kind="milestone_sent_back", about=target, level=Notification.Level.WARNING,
           dedupe_key=f"milestone-sent-back:{review.pk}",
           url=reverse("campaigns:campaign_detail", args=[review_step.campaign_id]),
           message=deferred("milestone_sent_back", stage=choice(review, "stage"),
                            decision=choice(review, "decision"), step=target.name,
                            campaign=review_step.campaign, due=target.due_on))
    return moved


def _reopen(milestones, *, first):
    """The reworked step is in progress again; the other re-opened steps start over."""
    for milestone in milestones:
        milestone.status = (Milestone.Status.IN_PROGRESS if milestone.pk == first.pk
                            else Milestone.Status.NOT_STARTED)
        milestone.completed_at = None
    Milestone.objects.bulk_update(milestones, ["status", "completed_at"])


# Calendar feed --------------------------------------------------------------------------------


def calendar_feed_of(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def regenerate_calendar_token(*, actor, request=None):
    """A fresh secret: every calendar subscribed with the old link stops receiving updates."""
    with transaction.atomic():
        feed = calendar_feed_of(actor)
        feed.token = CalendarFeed._meta.get_field("token").default()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
        record(actor=actor, action="campaigns.calendar_feed.regenerated", target=feed, request=request)
    return feed
