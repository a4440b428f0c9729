import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(*, recipient, kind, message, dedupe_key, url="", level=Notification.Level.INFO,
           email=True):
    """Tell `recipient` once per `dedupe_key`; returns the notification or None if already sent.

    Running a reminder job twice therefore sends nothing twice, in the app or by email.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, level=level, message=str(message)[:300],
                url=url, dedupe_key=dedupe_key[:200],
            )
    except IntegrityError:
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _send_email(notification.pk))
    return notification


def _send_email(notification_id):
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.emailed_at:
        return
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    try:
        send_mail(
            subject=f"[SocialCRM] {notification.message[:80]}",
            message=f"{notification.message}\n\n{link}",
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    except OSError:
        logger.exception("Could not email notification %s", notification_id)
        return
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def mark_read(*, user, notification_ids=None):
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
