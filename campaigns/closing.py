"""Risks and contingency plans per campaign, and the end-of-campaign review that closes it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns.models import CampaignRisk, EndOfCampaignReview
from campaigns.selectors import can_edit_campaign

RISK_FIELDS = ("description", "likelihood", "impact", "owner", "trigger", "contingency")
REVIEW_FIELDS = ("outcome", "results", "lessons", "repeat")


def _require_edit(actor, campaign):
    if not can_edit_campaign(actor, campaign):
        raise PermissionDenied


def add_risk(*, actor, campaign, fields, request=None):
    _require_edit(actor, campaign)
    with transaction.atomic():
        risk = CampaignRisk.objects.create(campaign=campaign, created_by=actor,
                                           **{name: fields[name] for name in RISK_FIELDS})
        record(actor=actor, action="campaigns.risk.added", target=risk, request=request,
               changes={name: str(fields[name]) for name in RISK_FIELDS})
    return risk


def archive_risk(*, actor, risk, request=None):
    _require_edit(actor, risk.campaign)
    with transaction.atomic():
        risk.archived_at = timezone.now()
        risk.save(update_fields=["archived_at"])
        record(actor=actor, action="campaigns.risk.archived", target=risk, request=request)
    return risk


def risk_register(campaign):
    """Open risks, the most serious first, then the archived ones."""
    risks = list(campaign.risks.select_related("owner"))
    return sorted(risks, key=lambda risk: (risk.archived_at is not None, -risk.score))


def write_end_review(*, actor, campaign, fields, request=None):
    """Create or rewrite the end-of-campaign review; each version is in the audit trail."""
    _require_edit(actor, campaign)
    with transaction.atomic():
        review, created = EndOfCampaignReview.objects.update_or_create(
            campaign=campaign, defaults={**{name: fields[name] for name in REVIEW_FIELDS},
                                         "written_by": actor, "written_at": timezone.now()})
        record(actor=actor, action="campaigns.end_review." + ("written" if created else "rewritten"),
               target=campaign, request=request, changes={name: fields[name] for name in REVIEW_FIELDS})
    return review


def ensure_end_review_written(campaign):
    if not EndOfCampaignReview.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("Write the end-of-campaign review (results, lessons, what to repeat) "
                                "before marking the campaign finished."))
