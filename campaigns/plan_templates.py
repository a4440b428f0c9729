"""Plan templates in the app: save a campaign's plan as a template, list them, archive them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns.models import OwnerRole, PlanTemplate, PlanTemplateStep
from socialcrm.visibility import can_edit_campaign, can_manage_template


def save_plan_as_template(*, actor, campaign, name, description="", request=None):
    """A new template with the campaign's steps, owners by role, durations, buffers, dependencies."""
    if not can_edit_campaign(actor, campaign):
        raise PermissionDenied
    if PlanTemplate.objects.filter(name=name).exists():
        raise ValidationError(_("A template called “%(name)s” exists already.") % {"name": name})
    milestones = list(campaign.milestones.prefetch_related("predecessors").order_by("sequence"))
    if not milestones:
        raise ValidationError(_("This campaign has no plan to save."))
    with transaction.atomic():
        template = PlanTemplate.objects.create(name=name, description=description, created_by=actor)
        PlanTemplateStep.objects.bulk_create(
            PlanTemplateStep(
                template=template, sequence=m.sequence, kind=m.kind, name=m.name,
                duration_days=m.duration_days, buffer_days=m.buffer_days,
                owner_role=(OwnerRole.ACCOUNT_MANAGER if m.owner_id == campaign.account_manager_id
                            else OwnerRole.PROJECT_LEAD),
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
