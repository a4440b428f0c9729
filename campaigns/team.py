"""A campaign's team: colleagues added with a role, who then see the campaign and may own steps.

The lead and admins manage it on the campaign page; every change is audited. Leaving the team
archives the membership (steps they still own keep their owner until the lead gives them away).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns.models import OwnerRole, TeamMember
from socialcrm.visibility import can_manage_team


def add_member(*, actor, campaign, user, role, request=None):
    if not can_manage_team(actor, campaign):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError(_("%(person)s no longer works here.") % {"person": user})
    with transaction.atomic():
        if campaign.team.select_for_update().filter(user=user, removed_at__isnull=True).exists():
            raise ValidationError(_("%(person)s is on the team already.") % {"person": user})
        member = TeamMember.objects.create(campaign=campaign, user=user, role=role, added_by=actor)
        record(actor=actor, action="campaigns.team.added", target=campaign, request=request,
               changes={"user": user.username, "role": role})
    return member


def remove_member(*, actor, member, request=None):
    campaign = member.campaign
    if not can_manage_team(actor, campaign):
        raise PermissionDenied
    with transaction.atomic():
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
        record(actor=actor, action="campaigns.team.removed", target=campaign, request=request,
               changes={"user": member.user.username, "role": member.role})
    return member


def owner_for_role(campaign, owner_role, team=None):
    """The person a template step with `owner_role` goes to on this campaign."""
    if owner_role == OwnerRole.ACCOUNT_MANAGER:
        return campaign.account_manager
    if owner_role != OwnerRole.PROJECT_LEAD:
        team = team if team is not None else list(campaign.team.filter(removed_at__isnull=True)
                                                  .select_related("user").order_by("added_at"))
        member = next((m for m in team if m.role == owner_role), None)
        if member is not None:
            return member.user
    return campaign.project_lead


def role_of(campaign, user, team):
    """The template owner role for a step `user` owns: the inverse of `owner_for_role`."""
    if user.pk == campaign.account_manager_id:
        return OwnerRole.ACCOUNT_MANAGER
    member = next((m for m in team if m.user_id == user.pk), None)
    if member is not None and member.role in OwnerRole.values:
        return member.role
    return OwnerRole.PROJECT_LEAD
