"""What the application promised to do later, kept in the database so a broker or SMTP outage
loses nothing.

`TaskMessage`: a Celery task recorded in the same transaction as the write that asked for it,
relayed to the broker when it is reachable (outbox.relay).
`OutgoingMessage`: one message to someone outside the application (an email today; a webhook
call later), with an idempotency key, its delivery status and the reason of the last failure.
It can point at the object it is about (a notification, a sent report, a reply to a partner),
so the page showing that object can show whether it went out.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the broker")
        SENT = "sent", _("Sent to the broker")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    deliveries = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "sent_at"], name="outbox_task_by_status")]
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)} · {self.status}"

    @property
    def celery_id(self):
        """The Celery task id carries the row's id, so the worker can find the row again."""
        return f"outbox-{self.pk}-{self.deliveries}"


class OutgoingMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        WEBHOOK = "webhook", _("Group webhook (WeCom, DingTalk, WeChat)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.EMAIL)
    idempotency_key = models.CharField(max_length=200, unique=True)
    to = models.JSONField(_("to"), default=list)
    url = models.URLField(_("webhook address"), max_length=500, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    is_html = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    about_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_message_by_status"),
            models.Index(fields=["about_type", "about_id"], name="outbox_message_by_object"),
        ]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")

    def __str__(self):
        return f"{self.get_channel_display()} · {self.subject} · {self.get_status_display()}"


class OutgoingAttachment(models.Model):
    message = models.ForeignKey(OutgoingMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename
