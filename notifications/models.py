from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialcrm.messages import render


class Notification(models.Model):
    """An in-app message to one user. `dedupe_key` makes every sender idempotent."""

    class Level(models.TextChoices):
        INFO = "info", _("Info")
        WARNING = "warning", _("Warning")
        URGENT = "urgent", _("Urgent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=50)
    level = models.CharField(_("level"), max_length=10, choices=Level, default=Level.INFO)
    # The message as a code and parameters (socialcrm.messages), worded in the reader's language
    # when shown or emailed; `message` keeps the English wording (and the text of older rows).
    message_data = models.JSONField(default=dict, blank=True)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    # What the message is about ("app_label.model" and pk): it is shown and emailed only while
    # the recipient may still see that object (socialcrm.visibility).
    subject_type = models.CharField(max_length=60, blank=True, default="")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="one_notification_per_key"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"]),
                   models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text

    @property
    def text(self):
        return render(self.message_data, self.message)
