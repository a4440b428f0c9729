"""Signed links a partner contact receives by email: an invitation (set a password), a one-time
sign-in, and a client-review decision for a contact without an account.

The URL carries `token`: the random `nonce` signed with django.core.signing (like the feedback
link), so a link cannot be guessed or altered; the row says what it is for, until when, and
whether it was used (invitations and sign-in links work once).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLink(models.Model):
    SALT = "portal.link"

    class Purpose(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        SIGN_IN = "sign_in", _("One-time sign-in")
        REVIEW = "review", _("Client review decision")

    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose)
    contact = models.ForeignKey("accounts.Contact", on_delete=models.PROTECT, related_name="access_links",
                                verbose_name=_("contact"))
    milestone = models.ForeignKey("campaigns.Milestone", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="access_links", verbose_name=_("review step"))
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("portal link")
        verbose_name_plural = _("portal links")

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.contact}"

    def save(self, *args, **kwargs):
        if not self.nonce:
            self.nonce = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def token(self):
        return signing.dumps(self.nonce, salt=self.SALT)

    @property
    def is_usable(self):
        return self.used_at is None and self.expires_at > timezone.now()

    @classmethod
    def from_token(cls, token, purpose):
        """The usable link of this purpose behind `token`, or None (altered, unknown, used, expired)."""
        try:
            nonce = signing.loads(token, salt=cls.SALT)
        except signing.BadSignature:
            return None
        link = cls.objects.select_related("contact__account", "milestone__campaign").filter(
            nonce=nonce, purpose=purpose).first()
        return link if link is not None and link.is_usable else None
