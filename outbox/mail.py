"""Email that is never lost and never blocks a request.

`queue_email` records the message (in the caller's transaction) under an idempotency key; a
task delivers it after commit with an SMTP timeout. A transient failure (server down, timeout,
4xx) puts it back in the queue with a growing delay, retried by the `retry_due_messages` beat
task; a permanent refusal (5xx) or too many attempts marks it failed with the reason. A message
is claimed ("sending") before the SMTP conversation and marked sent right after, so a
redelivered task never sends it again.
"""

import json
import logging
import smtplib
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from outbox.models import OutgoingAttachment, OutgoingMessage
from outbox.signals import delivery_finished

logger = logging.getLogger(__name__)
Status = OutgoingMessage.Status


def queue_email(*, key, to, subject, body, html=False, about=None, attachments=()):
    """Queue one email once per `key`; `attachments` holds (filename, bytes, content type)."""
    from outbox.tasks import deliver_message

    with transaction.atomic():
        message, created = OutgoingMessage.objects.get_or_create(
            idempotency_key=key[:200],
            defaults={"to": list(to), "subject": str(subject)[:300], "body": body, "is_html": html,
                      **_about(about)},
        )
        if created:
            OutgoingAttachment.objects.bulk_create(
                OutgoingAttachment(message=message, filename=name, content=content, content_type=kind)
                for name, content, kind in attachments)
            deliver_message.delay_on_commit(message.pk)
    return message


def queue_webhook(*, key, url, subject, body, about=None):
    """Queue one message to a group's incoming webhook (WeCom, DingTalk, WeChat) once per `key`:
    the same outbox, statuses, retries and failure reasons as an email."""
    from outbox.tasks import deliver_message

    with transaction.atomic():
        message, created = OutgoingMessage.objects.get_or_create(
            idempotency_key=key[:200],
            defaults={"channel": OutgoingMessage.Channel.WEBHOOK, "url": url, "to": [],
                      "subject": str(subject)[:300], "body": body, **_about(about)},
        )
        if created:
            deliver_message.delay_on_commit(message.pk)
    return message


def messages_about(obj):
    """The messages sent about `obj` (newest first): what the page showing it can report."""
    return OutgoingMessage.objects.filter(**_about(obj))


class Withdrawn(Exception):
    """The message is no longer to be sent (e.g. its reader lost access to what it is about)."""


_SEND_ONLY_IF = {}


def send_only_if(model, check):
    """Register `check(obj) -> bool`, asked right before sending a message about a `model` row."""
    _SEND_ONLY_IF[model._meta.label_lower] = check


def _withdrawn(message):
    if message.about_type_id is None:
        return False
    check = _SEND_ONLY_IF.get(f"{message.about_type.app_label}.{message.about_type.model}")
    about = message.about if check else None
    return check is not None and about is not None and not check(about)


def deliver(message_id):
    """Send one queued message once; returns it with its new status."""
    message = _claim(message_id)
    if message is None:
        return None
    if _withdrawn(message):
        return _fail(message, Withdrawn("The recipient may no longer see what it is about."))
    try:
        _post(message) if message.channel == OutgoingMessage.Channel.WEBHOOK else _send(message)
    except urllib.error.HTTPError as error:
        return _fail(message, error) if error.code < 500 and error.code != 429 else _postpone(message, error)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        return _fail(message, error)
    except RobotRefused as error:
        return _fail(message, error)
    except smtplib.SMTPResponseException as error:
        return _fail(message, error) if error.smtp_code >= 500 else _postpone(message, error)
    except (smtplib.SMTPException, OSError) as error:
        return _postpone(message, error)
    message.status, message.sent_at, message.last_error = Status.SENT, timezone.now(), ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    delivery_finished.send(sender=OutgoingMessage, message=message)
    return message


def due_messages(now=None):
    """Postponed messages whose retry time has come, and sends a crashed worker left half done.

    A message never tried is not due here: its first delivery task waits in the task outbox.
    """
    now = now or timezone.now()
    crashed = now - timedelta(seconds=settings.EMAIL_SENDING_STALE)
    return OutgoingMessage.objects.filter(
        Q(status=Status.QUEUED, attempts__gte=1, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, sending_since__lte=crashed)
    ).order_by("pk")


def _claim(message_id):
    with transaction.atomic():
        message = OutgoingMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status in (Status.SENT, Status.FAILED):
            return None
        crashed = timezone.now() - timedelta(seconds=settings.EMAIL_SENDING_STALE)
        if message.status == Status.SENDING and message.sending_since > crashed:
            return None  # another worker is in the middle of sending it
        message.status, message.sending_since = Status.SENDING, timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "sending_since", "attempts"])
    return message


def _send(message):
    email = EmailMessage(subject=message.subject, body=message.body, to=message.to,
                         headers={"Message-ID": _message_id(message)})
    if message.is_html:
        email.content_subtype = "html"
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    email.send()


def _post(message):
    """The text-message body WeCom and DingTalk robots accept ({"msgtype": "text", ...})."""
    if not message.url.startswith(("https://", "http://")):
        raise RobotRefused("the webhook address must be an http(s) URL")
    payload = {"msgtype": "text", "text": {"content": f"{message.subject}\n\n{message.body}"}}
    request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
        message.url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": message.idempotency_key})
    with urllib.request.urlopen(request, timeout=settings.SMTP_TIMEOUT) as response:  # noqa: S310 (http(s) only)
        answer = response.read(2000)
    _refused_by_robot(answer)


class RobotRefused(Exception):
    """The webhook answered 200 with an error code in its body (how WeCom and DingTalk refuse)."""


def _refused_by_robot(answer):
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return
    if isinstance(data, dict) and data.get("errcode") not in (None, 0):
        raise RobotRefused(f"{data.get('errcode')}: {data.get('errmsg', '')}")


def _message_id(message):
    """The same message keeps the same id, so a receiving server or client can spot a copy."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "socialcrm.local"
    return f"<{message.pk}.{message.idempotency_key.replace(':', '.').replace(' ', '')[:60]}@{domain}>"


def _postpone(message, error):
    if message.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        return _fail(message, error)
    delay = min(settings.EMAIL_RETRY_BASE * 2 ** (message.attempts - 1), settings.EMAIL_RETRY_MAX)
    logger.warning("Email %s not sent (attempt %s), retrying in %ss: %s", message.pk, message.attempts,
                   delay, error)
    message.status, message.last_error = Status.QUEUED, _reason(error)
    message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    message.save(update_fields=["status", "last_error", "next_attempt_at"])
    return message


def _fail(message, error):
    logger.error("Email %s failed for good: %s", message.pk, error)
    message.status, message.last_error = Status.FAILED, _reason(error)
    message.save(update_fields=["status", "last_error"])
    delivery_finished.send(sender=OutgoingMessage, message=message)
    return message


def _reason(error):
    return f"{type(error).__name__}: {error}"[:500]


def _about(obj):
    if obj is None:
        return {}
    return {"about_type": ContentType.objects.get_for_model(obj), "about_id": str(obj.pk)}
