"""Writes for training: plan a session, record attendance and scores, attach materials."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Contact, User
from audit.services import diff, record, snapshot
from socialcrm.visibility import can_create_sessions, can_edit_account, can_run_session
from training.models import Attendance, Material, Session

SESSION_FIELDS = ("topic", "held_on", "trainer", "account", "description", "passing_score")


@transaction.atomic
def create_session(*, actor, staff=(), contacts=(), request=None, **fields):
    if not can_create_sessions(actor):
        raise PermissionDenied
    account = fields.get("account")
    if account is not None and not can_edit_account(actor, account):
        raise PermissionDenied
    session = Session(created_by=actor, **{name: fields.get(name) for name in SESSION_FIELDS
                                          if name in fields})
    session.full_clean()
    session.save()
    record(actor=actor, action="training.create", target=session, changes=snapshot(session),
           request=request)
    set_attendees(actor=actor, session=session, staff=staff, contacts=contacts, request=request)
    return session


@transaction.atomic
def set_attendees(*, actor, session, staff=(), contacts=(), request=None):
    """Add these attendees (already recorded ones keep their completion and score)."""
    if not can_run_session(actor, session):
        raise PermissionDenied
    for contact in contacts:
        if session.account_id is None or contact.account_id != session.account_id:
            raise ValidationError(_("Partner attendees must be contacts of the session's partner."))
    for user in staff:
        Attendance.objects.get_or_create(session=session, user=user)
    for contact in contacts:
        Attendance.objects.get_or_create(session=session, contact=contact)
    if staff or contacts:
        record(actor=actor, action="training.attendees", target=session,
               changes={"staff": [user.pk for user in staff], "contacts": [c.pk for c in contacts]},
               request=request)
    return session


@transaction.atomic
def record_result(*, actor, attendance, completed, score=None, request=None):
    if not can_run_session(actor, attendance.session):
        raise PermissionDenied
    before = snapshot(attendance, fields=("completed", "score"))
    attendance.completed, attendance.score = completed, score
    attendance.full_clean()
    attendance.save(update_fields=["completed", "score"])
    record(actor=actor, action="attendance.update", target=attendance,
           changes=diff(before, snapshot(attendance, fields=("completed", "score"))), request=request)
    return attendance


@transaction.atomic
def attach_material(*, actor, session, title, file, request=None):
    if not can_run_session(actor, session):
        raise PermissionDenied
    material = Material(session=session, title=title, file=file, uploaded_by=actor)
    material.full_clean()
    material.save()
    record(actor=actor, action="training_material.create", target=material,
           changes={"title": title, "file": material.file.name}, request=request)
    return material


def staff_choices():
    """Active staff (partner users are not staff: they never attend as colleagues)."""
    return User.objects.filter(is_active=True).exclude(role=User.Role.PARTNER).order_by("first_name", "username")


def contact_choices(account):
    if account is None:
        return Contact.objects.none()
    return account.contacts.filter(archived_at__isnull=True).order_by("name")
