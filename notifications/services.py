from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from notifications.models import Notification
from outbox.mail import queue_email
from socialcrm.messages import english, user_language
from socialcrm.visibility import may_see, still_visible, subject_of


def notify(*, recipient, kind, message, dedupe_key, about=None, url="",
           level=Notification.Level.INFO, email=True):
    """Tell `recipient` once per `dedupe_key` about the object `about`; returns the notification,
    or None if already sent or if the recipient may not see `about` (any more).

    Running a reminder job twice therefore sends nothing twice, in the app or by email.
    The email is queued in the same transaction (outbox.mail) and sent by a task.
    `message` is a `socialcrm.messages.deferred(...)`: it is worded in the reader's language
    when shown, and the email in the recipient's language.
    """
    if about is not None and not may_see(recipient, about):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, level=level, message=english(message)[:300],
                message_data=message if isinstance(message, dict) else {},
                url=url, dedupe_key=dedupe_key[:200], **subject_of(about),
            )
            if email and recipient.email:
                _queue_email(notification)
    except IntegrityError:
        return None
    return notification


def _queue_email(notification):
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    with translation.override(user_language(notification.recipient)):
        text = notification.text
    queue_email(key=f"notification:{notification.pk}", to=[notification.recipient.email],
                subject=f"[SocialCRM] {text[:80]}", body=f"{text}\n\n{link}", about=notification)


def still_worth_emailing(notification):
    """Checked by the outbox right before sending: access lost since means no email."""
    return still_visible(notification)


def record_emailed(message):
    """An outbox message about a notification went out: remember when (shown in the admin)."""
    if message.status == message.Status.SENT:
        Notification.objects.filter(pk=message.about_id).update(emailed_at=message.sent_at)


def mark_read(*, user, notification_ids=None):
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
