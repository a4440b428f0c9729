"""Demo plans: every demo campaign planned from the default template, in every state of progress."""

from datetime import datetime, time

from django.utils import timezone

from campaigns import services
from campaigns.default_plan import install_default_template
from campaigns.models import Campaign, Milestone, PlanTemplate, PlanTemplateStep, Review

CLIENT_REJECTS = "Winter Warm Cups"
LAUNCHED = (Campaign.Status.LIVE, Campaign.Status.PAUSED, Campaign.Status.FINISHED)


def seed_plans(ctx):
    install_default_template(PlanTemplate, PlanTemplateStep)
    template = PlanTemplate.objects.get(is_default=True)
    for campaign in ctx.campaigns:
        milestones = services.generate_plan(actor=campaign.project_lead, campaign=campaign,
                                            template=template)
        if campaign.name == ctx.say(CLIENT_REJECTS):
            _client_rejects(ctx, milestones)
        else:
            _progress(ctx, campaign, milestones)
    ctx.log.append(f"{Milestone.objects.count()} milestones, {Review.objects.count()} reviews")


def _progress(ctx, campaign, milestones):
    """Launched campaigns finished their plan; the others are done up to today, the latest step
    that should be done is still open (so the board has something overdue)."""
    today = ctx.today
    past = [m for m in milestones if m.due_on < today]
    late = None if campaign.status in LAUNCHED or not past else past[-1]
    for milestone in milestones:
        if milestone.due_on < today or (campaign.status in LAUNCHED and milestone.due_on <= today):
            _finish(milestone)
        elif milestone.starts_on <= today:
            milestone.status = Milestone.Status.IN_REVIEW if milestone.is_review else Milestone.Status.IN_PROGRESS
    if late is not None and campaign.status != Campaign.Status.CANCELLED:
        late.status = Milestone.Status.IN_REVIEW if late.is_review else Milestone.Status.IN_PROGRESS
        late.completed_at = None
    Milestone.objects.bulk_update(milestones, ["status", "completed_at"])
    Review.objects.bulk_create(_approvals(m, ctx) for m in milestones if m.is_review and m.status == Milestone.Status.DONE)


def _client_rejects(ctx, milestones):
    """The client turns the creative down at their review: the proposal is redone, the plan slips."""
    client_review = next(m for m in milestones if m.review_stage == "client")
    for milestone in milestones:
        if milestone.sequence < client_review.sequence:
            _finish(milestone)
    client_review.status = Milestone.Status.IN_REVIEW
    Milestone.objects.bulk_update(milestones, ["status", "completed_at"])
    Review.objects.bulk_create(_approvals(m, ctx) for m in milestones if m.is_review and m.status == Milestone.Status.DONE)
    services.record_review(
        actor=client_review.campaign.project_lead, milestone=client_review,
        reviewer=ctx.say("Li Liu (Harbor Coffee marketing)"), decision=Review.Decision.REJECTED,
        comments=ctx.say("The cups look too summery. We need a warmer palette and the new logo."),
    )


def _finish(milestone):
    milestone.status = Milestone.Status.DONE
    milestone.completed_at = _evening(milestone.due_on)


def _approvals(milestone, ctx):
    return Review(milestone=milestone, stage=milestone.review_stage, reviewer=str(milestone.owner),
                  decision=Review.Decision.APPROVED, comments=ctx.say("Approved."),
                  decided_at=_evening(milestone.due_on), recorded_by=milestone.owner)


def _evening(day):
    return timezone.make_aware(datetime.combine(day, time(17, 0)))
