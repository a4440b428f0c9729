"""Admins' changes to the working calendar: one override per day, audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from workdays.models import CalendarOverride


def can_manage_calendar(user):
    return user.is_admin


def add_override(*, actor, day, is_working_day, name, request=None):
    if not can_manage_calendar(actor):
        raise PermissionDenied
    if CalendarOverride.objects.filter(day=day).exists():
        raise ValidationError(_("%(day)s already has an override; remove it first.") % {"day": day})
    with transaction.atomic():
        override = CalendarOverride.objects.create(day=day, is_working_day=is_working_day, name=name,
                                                   created_by=actor)
        record(actor=actor, action="workdays.override.added", target=override, request=request,
               changes={"day": str(day), "is_working_day": is_working_day, "name": name})
    return override


def remove_override(*, actor, override, request=None):
    if not can_manage_calendar(actor):
        raise PermissionDenied
    with transaction.atomic():
        record(actor=actor, action="workdays.override.removed", target=override, request=request,
               changes={"day": str(override.day), "is_working_day": override.is_working_day,
                        "name": override.name})
        override.delete()
