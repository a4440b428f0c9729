from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from campaigns.models import Campaign


class Feedback(models.Model):
    """What a partner or the public told us. Never deleted: resolved, with an explanation."""

    class Source(models.TextChoices):
        ADVERTISER = "advertiser", _("Advertiser")
        PUBLISHER = "publisher", _("Publisher")
        PUBLIC = "public", _("Public")

    class Kind(models.TextChoices):
        AD_PERFORMANCE = "ad_performance", _("Ad performance")
        COOPERATION = "cooperation", _("Cooperation experience")
        CONTENT = "content", _("Content")
        BILLING = "billing", _("Billing")
        COMPLAINT = "complaint", _("Complaint")
        PRAISE = "praise", _("Praise")
        SUGGESTION = "suggestion", _("Suggestion")

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEUTRAL = "neutral", _("Neutral")
        NEGATIVE = "negative", _("Negative")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    source = models.CharField(_("source"), max_length=12, choices=Source)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="feedback", verbose_name=_("account"))
    channel = models.CharField(_("channel"), max_length=50, blank=True,
                               help_text=_("Where public feedback came from, e.g. Weibo comments."))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="feedback", verbose_name=_("campaign"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    rating = models.PositiveSmallIntegerField(_("rating (1-5)"), null=True, blank=True)
    nps = models.PositiveSmallIntegerField(_("NPS score (0-10)"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=Sentiment,
                                 default=Sentiment.NEUTRAL)
    sentiment_is_manual = models.BooleanField(default=False)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority, default=Priority.NORMAL)
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.NEW)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="owned_feedback", verbose_name=_("owner"))
    received_at = models.DateTimeField(_("received"))
    respond_by = models.DateTimeField(_("respond by"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    sla_breached_at = models.DateTimeField(_("SLA breached"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "respond_by"]),
            models.Index(fields=["account", "-received_at"]),
            models.Index(fields=["campaign", "-received_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                                   name="rating_1_to_5"),
            models.CheckConstraint(condition=models.Q(nps__isnull=True) | models.Q(nps__lte=10),
                                   name="nps_0_to_10"),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        who = self.account or self.channel or self.get_source_display()
        return f"{self.get_kind_display()} · {who} · {self.received_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("feedback:feedback_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise PermissionError("Feedback is never deleted; resolve it with an explanation.")
