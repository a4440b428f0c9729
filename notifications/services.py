import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import Notification
from socialcrm.visibility import may_see, still_visible, subject_of

logger = logging.getLogger(__name__)


def notify(*, recipient, kind, message, dedupe_key, about=None, url="",
           level=Notification.Level.INFO, email=True):
    """Tell `recipient` once per `dedupe_key` about the object `about`; returns the notification,
    or None if already sent or if the recipient may not see `about` (any more).

    Running a reminder job twice therefore sends nothing twice, in the app or by email.
    """
    if about is not None and not may_see(recipient, about):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, level=level, message=str(message)[:300],
                url=url, dedupe_key=dedupe_key[:200], **subject_of(about),
            )
    except IntegrityError:
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _send_email(notification.pk))
    return notification


def _send_email(notification_id):
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.emailed_at or not still_visible(notification):
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
