"""Plan templates in the app: create from scratch, save a campaign's plan as one, edit, archive."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns import scheduling, team
from campaigns.models import PlanTemplate, PlanTemplateStep
from socialcrm.visibility import can_create_campaign, can_edit_campaign, can_manage_template


def save_plan_as_template(*, actor, campaign, name, description="", request=None):
    """A new template with the campaign's steps, owners by role, durations, buffers, dependencies."""
    if not can_edit_campaign(actor, campaign):
        raise PermissionDenied
    if PlanTemplate.objects.filter(name=name).exists():
        raise ValidationError(_("A template called “%(name)s” exists already.") % {"name": name})
    milestones = list(campaign.milestones.select_related("owner").prefetch_related("predecessors")
                      .order_by("sequence"))
    members = list(campaign.team.filter(removed_at__isnull=True))
    if not milestones:
        raise ValidationError(_("This campaign has no plan to save."))
    with transaction.atomic():
        template = PlanTemplate.objects.create(name=name, description=description, created_by=actor)
        PlanTemplateStep.objects.bulk_create(
            PlanTemplateStep(
                template=template, sequence=m.sequence, kind=m.kind, name=m.name,
                duration_days=m.duration_days, buffer_days=m.buffer_days,
                owner_role=team.role_of(campaign, m.owner, members),
                review_stage=m.review_stage, is_key=m.is_key,
                after=sorted(p.sequence for p in m.predecessors.all()),
            )
            for m in milestones
        )
        record(actor=actor, action="campaigns.template.created", target=template, request=request,
               changes={"from_campaign": campaign.pk, "steps": len(milestones)})
    return template


def archive_template(*, actor, template, request=None):
    if not can_manage_template(actor, template):
        raise PermissionDenied
    if template.is_default:
        raise ValidationError(_("The default template is used for new campaigns and stays."))
    with transaction.atomic():
        template.archived_at = timezone.now()
        template.save(update_fields=["archived_at"])
        record(actor=actor, action="campaigns.template.archived", target=template, request=request)
    return template


TEMPLATE_STEP_FIELDS = ("kind", "name", "duration_days", "buffer_days", "owner_role", "review_stage", "is_key")


def _check_steps(steps):
    """Refuse template steps that cannot be planned: numbers unique, dependencies that exist and
    do not loop, at least one step."""
    problems = []
    if not steps:
        problems.append(_("A template needs at least one step."))
    numbers = [step["sequence"] for step in steps]
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        problems.append(_("Two steps have the number %(number)s: give each step its own number.")
                        % {"number": number})
    for step in steps:
        for number in step["after"] or ():
            if number == step["sequence"]:
                problems.append(_("“%(step)s” cannot come after itself.") % {"step": step["name"]})
            elif number not in numbers:
                problems.append(_("“%(step)s” comes after step %(number)s, which is not in the plan.")
                                % {"step": step["name"], "number": number})
    if not problems:
        try:
            scheduling.order([scheduling.Step(key=step["sequence"], duration_days=step["duration_days"],
                                              after=tuple(step["after"]) if step["after"] is not None else None)
                              for step in sorted(steps, key=lambda step: step["sequence"])])
        except scheduling.PlanCycle:
            problems.append(_("The dependencies go round in a circle: some step must come first."))
    if problems:
        raise ValidationError(problems)


def save_template(*, actor, template=None, name, description="", steps, request=None):
    """Create a template from scratch (template=None) or replace an existing one's steps.

    `steps`: dicts with sequence, name, kind, review_stage, duration_days, buffer_days, owner_role,
    is_key and after (a list of step numbers; None: the step before it). Campaigns already planned
    from the template keep their plans; the audit trail keeps the template as it was."""
    if template is None and not can_create_campaign(actor):
        raise PermissionDenied
    if template is not None and not can_manage_template(actor, template):
        raise PermissionDenied
    if PlanTemplate.objects.filter(name=name).exclude(pk=getattr(template, "pk", None)).exists():
        raise ValidationError(_("A template called “%(name)s” exists already.") % {"name": name})
    _check_steps(steps)
    with transaction.atomic():
        if template is None:
            template = PlanTemplate.objects.create(name=name, description=description, created_by=actor)
            before, action = None, "campaigns.template.created"
        else:
            template = PlanTemplate.objects.select_for_update().get(pk=template.pk)
            before, action = _snapshot(template), "campaigns.template.edited"
            template.name, template.description = name, description
            template.save(update_fields=["name", "description"])
            template.steps.all().delete()  # the steps are the template's content; the audit keeps the old one
        PlanTemplateStep.objects.bulk_create(
            PlanTemplateStep(template=template, sequence=step["sequence"], after=step["after"],
                             **{field: step[field] for field in TEMPLATE_STEP_FIELDS})
            for step in sorted(steps, key=lambda step: step["sequence"]))
        after = _snapshot(template)
        record(actor=actor, action=action, target=template, request=request,
               changes={"before": before, "after": after} if before else {"after": after})
    return template


def _snapshot(template):
    return {"name": template.name, "description": template.description, "steps": steps_of(template)}


def steps_of(template):
    """The template's steps as the editor's rows."""
    return [{"sequence": step.sequence, "after": step.after,
             **{field: getattr(step, field) for field in TEMPLATE_STEP_FIELDS}}
            for step in template.steps.order_by("sequence")]
