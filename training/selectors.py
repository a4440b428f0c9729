"""Who sees which training: internal sessions all staff; a partner's sessions follow the account."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.selectors import accounts_visible_to, can_edit_account
from training.models import Attendance, Session


def sessions_visible_to(user):
    return Session.objects.filter(
        Q(account__isnull=True) | Q(account__in=accounts_visible_to(user).values("pk")),
        archived_at__isnull=True,
    )


def get_visible_session(user, pk):
    return get_object_or_404(sessions_visible_to(user).select_related("trainer", "account"), pk=pk)


def can_run_session(user, session):
    """The trainer, whoever created it, admins; for a partner's session, its account's editors."""
    if user.is_read_only:
        return False
    if user.is_admin or user.pk in (session.trainer_id, session.created_by_id):
        return True
    return session.account is not None and can_edit_account(user, session.account)


def can_create_sessions(user):
    return not user.is_read_only


def attendances_of(session):
    return session.attendances.select_related("user", "contact", "session").order_by("pk")


def training_record_of_user(user):
    return (Attendance.objects.filter(user=user, session__archived_at__isnull=True)
            .select_related("session", "session__trainer").order_by("-session__held_on"))


def training_record_of_contacts(account, viewer):
    """Training attended by the account's contacts, in sessions the viewer may see."""
    return (Attendance.objects.filter(contact__account=account,
                                      session__in=sessions_visible_to(viewer).values("pk"))
            .select_related("session", "contact").order_by("-session__held_on"))
