import secrets
from datetime import time

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from campaigns.models import Campaign

NEVER_DELETED = "Feedback is never deleted; resolve it with an explanation."


class NeverDeletedQuerySet(models.QuerySet):
    """Bulk deletes are refused too, so no code path (admin actions included) can drop a row."""

    def delete(self):
        raise PermissionError(NEVER_DELETED)


class NeverDeleted(models.Model):
    """Feedback, its thread, its links and its redactions are kept for good."""

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError(NEVER_DELETED)


class Feedback(NeverDeleted):
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

    OPEN_STATUSES = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
    DONE_STATUSES = (Status.RESOLVED, Status.CLOSED)

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
    author_name = models.CharField(_("name of the person"), max_length=150, blank=True)
    author_contact = models.CharField(_("their email or phone"), max_length=200, blank=True)
    external_id = models.CharField(
        _("external ID"), max_length=100, blank=True,
        help_text=_("The comment's ID on its platform; a re-import of the same ID is skipped."),
    )
    link = models.OneToOneField("FeedbackLink", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="feedback", verbose_name=_("feedback link"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("logged by"))
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

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
            models.UniqueConstraint(fields=["channel", "external_id"], condition=~models.Q(external_id=""),
                                    name="one_feedback_per_external_id"),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        who = self.account or self.channel or self.get_source_display()
        return f"{self.get_kind_display()} · {who} · {self.received_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("feedback:feedback_detail", args=[self.pk])


    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_negative(self):
        """Negative by what was said, the score given or the kind of feedback."""
        return (
            self.sentiment == self.Sentiment.NEGATIVE
            or (self.rating is not None and self.rating <= 2)
            or (self.nps is not None and self.nps <= 6)
            or self.kind == self.Kind.COMPLAINT
        )

    @property
    def is_breached(self):
        """Past its deadline without a first response (flagged or not yet flagged by the beat job)."""
        if self.sla_breached_at:
            return True
        return self.first_response_at is None and self.is_open and self.respond_by < timezone.now()

    @property
    def time_to_first_response(self):
        return self.first_response_at - self.received_at if self.first_response_at else None

    @property
    def time_to_resolution(self):
        return self.resolved_at - self.received_at if self.resolved_at else None


class Reply(NeverDeleted):
    """One message in a feedback thread: an internal note or a reply sent to the partner."""

    class Kind(models.TextChoices):
        INTERNAL_NOTE = "internal", _("Internal note")
        PARTNER_REPLY = "partner", _("Reply to the partner")

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="replies")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.author} · {self.created_at:%Y-%m-%d %H:%M}"


    @property
    def is_internal(self):
        return self.kind == self.Kind.INTERNAL_NOTE


class SlaPolicy(models.Model):
    """How fast feedback of one priority must get its first response. Admins edit it in /admin/.

    With `business_hours_only` the clock runs only on working days (Monday to Friday) between
    `workday_starts` and `workday_ends`, in the site's time zone.
    """

    priority = models.CharField(_("priority"), max_length=10, choices=Feedback.Priority, unique=True)
    respond_within_hours = models.PositiveSmallIntegerField(_("respond within (hours)"))
    business_hours_only = models.BooleanField(_("count business hours only"), default=False)
    workday_starts = models.TimeField(_("workday starts"), default=time(9))
    workday_ends = models.TimeField(_("workday ends"), default=time(18))

    class Meta:
        ordering = ["respond_within_hours"]
        constraints = [
            models.CheckConstraint(condition=models.Q(respond_within_hours__gte=1),
                                   name="sla_at_least_one_hour"),
            models.CheckConstraint(condition=models.Q(workday_ends__gt=models.F("workday_starts")),
                                   name="workday_ends_after_it_starts"),
        ]
        verbose_name = _("response deadline (SLA)")
        verbose_name_plural = _("response deadlines (SLA)")

    def __str__(self):
        return f"{self.get_priority_display()}: {self.respond_within_hours} h"


class FeedbackLink(NeverDeleted):
    """A one-time link to the partner feedback form, valid until `expires_at`.

    The URL carries `token`: the random `nonce` signed with django.core.signing, so a link cannot
    be guessed or altered, and rotating SECRET_KEY invalidates every link at once.
    """

    SALT = "feedback.link"

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="feedback_links",
                                verbose_name=_("account"))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="feedback_links", verbose_name=_("campaign"))
    purpose = models.CharField(_("occasion"), max_length=200, blank=True,
                               help_text=_("e.g. After the quarterly review"))
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback link")
        verbose_name_plural = _("feedback links")

    def __str__(self):
        return f"{self.account} · {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self.nonce:
            self.nonce = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)


    @property
    def token(self):
        return signing.Signer(salt=self.SALT).sign(self.nonce)

    @classmethod
    def nonce_from_token(cls, token):
        """The nonce inside a token, or None when the signature does not match."""
        try:
            return signing.Signer(salt=cls.SALT).unsign(token)
        except signing.BadSignature:
            return None

    def get_public_url(self):
        return reverse("feedback:partner_form", args=[self.token])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_used(self):
        return self.used_at is not None


class Redaction(NeverDeleted):
    """An administrator removed personal data from a feedback record. The record itself stays."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="redactions")
    fields = models.JSONField(_("redacted fields"), default=list)
    reason = models.TextField(_("reason"))
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("redacted by"))
    redacted_at = models.DateTimeField(_("redacted"), auto_now_add=True)

    class Meta:
        ordering = ["-redacted_at"]
        verbose_name = _("redaction")
        verbose_name_plural = _("redactions")

    def __str__(self):
        return f"{self.feedback} · {self.redacted_by} · {self.redacted_at:%Y-%m-%d}"

