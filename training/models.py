"""Training for both sides of the alliance: sessions, who attended and passed, and materials."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact
from socialcrm.attachments import validate_attachment


class Session(models.Model):
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(_("date"))
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("trainer"))
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, null=True, blank=True, related_name="training_sessions",
        verbose_name=_("partner"), help_text=_("Leave empty for internal training of our staff."))
    description = models.TextField(_("what it covers"), blank=True)
    passing_score = models.PositiveSmallIntegerField(
        _("passing score"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Leave empty when there is no assessment."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self):
        return f"{self.topic} · {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])


class Attendance(models.Model):
    """One attendee, staff or a partner's contact, with completion and the assessment score."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="training_attendances", verbose_name=_("staff"))
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="training_attendances", verbose_name=_("partner contact"))
    completed = models.BooleanField(_("completed"), default=False)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True,
                                             validators=[MaxValueValidator(100)])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, contact__isnull=True)
                | models.Q(user__isnull=True, contact__isnull=False),
                name="attendee_is_staff_or_contact"),
            models.UniqueConstraint(fields=["session", "user"], name="staff_attends_once"),
            models.UniqueConstraint(fields=["session", "contact"], name="contact_attends_once"),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self):
        return str(self.attendee)

    @property
    def attendee(self):
        return self.user or self.contact

    @property
    def passed(self):
        """None without an assessment; else whether the score reached the session's pass mark."""
        if self.session.passing_score is None or self.score is None:
            return None
        return self.score >= self.session.passing_score


class Material(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="training/%Y/%m/", validators=[validate_attachment])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    def __str__(self):
        return self.title
