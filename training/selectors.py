"""Reads about training. Who sees which session is decided in socialcrm/visibility.py (internal
sessions all staff; a partner's sessions follow the account)."""


from socialcrm.visibility import sessions_visible_to
from training.models import Attendance


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
