"""Partner users: invited by an account manager, signed in by password or a one-time emailed link,
deactivated by staff. Every email goes through the outbox."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from outbox.mail import queue_email
from portal.delivery import in_language_of
from portal.models import AccessLink
from socialcrm.visibility import ensure_can_invite_to_portal

User = get_user_model()
INVITATION_DAYS = 7
SIGN_IN_MINUTES = 15
REVIEW_LINK_DAYS = 7


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def invite(*, actor, contact, request=None):
    """Give the contact a partner user (or re-send the invitation) and email the link to set a password."""
    ensure_can_invite_to_portal(actor, contact)
    email = (contact.email or "").strip().lower()
    if not email:
        raise ValidationError(_("The contact has no email address to send the invitation to."))
    with transaction.atomic():
        user = User.objects.filter(contact=contact).first()
        if user is None:
            if User.objects.filter(username__iexact=email).exists():
                raise ValidationError(_("Someone already signs in as %(email)s.") % {"email": email})
            user = User(username=email, email=email, first_name=contact.name[:150], role=User.Role.PARTNER,
                        contact=contact)
            user.set_unusable_password()
            user.save()
        elif not user.is_active:
            raise ValidationError(_("This partner user is deactivated: reactivate it first."))
        link = AccessLink.objects.create(purpose=AccessLink.Purpose.INVITATION, contact=contact, created_by=actor,
                                         expires_at=timezone.now() + timedelta(days=INVITATION_DAYS))
        with in_language_of(contact):
            subject = _("Your access to the %(org)s partner portal") % {"org": contact.account}
            body = _("Hello %(name)s,\n\n%(actor)s invites you to the partner portal, where you can follow your "
                     "campaigns, their results and reports, and decide client reviews.\n\nSet your password "
                     "here (the link works once, for %(days)s days):\n%(url)s\n") % {
                "name": contact.name, "actor": actor, "days": INVITATION_DAYS,
                "url": absolute(reverse("portal:accept_invitation", args=[link.token]))}
        queue_email(key=f"portal-invitation:{link.pk}", to=[email], about=link, subject=subject, body=body)
        record(actor=actor, action="portal.invited", target=contact, request=request,
               changes={"user": user.pk, "email": email})
    return link


def accept_invitation(*, link, password, request=None):
    """The invitation's contact sets a password; the link is used up."""
    with transaction.atomic():
        link = AccessLink.objects.select_for_update().get(pk=link.pk)
        if not link.is_usable:
            raise ValidationError(_("This invitation link was already used or has expired."))
        user = link.contact.portal_user
        user.set_password(password)
        user.save(update_fields=["password"])
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        record(actor=user, action="portal.invitation_accepted", target=link.contact, request=request)
    return user


def send_sign_in_link(*, email, request=None):
    """Email a one-time sign-in link to the active partner user with this address (silently nothing
    for an unknown address: the page says the same either way)."""
    email = (email or "").strip()
    user = (User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email), role=User.Role.PARTNER,
                                is_active=True).select_related("contact__account").first())
    if user is None or user.contact.archived_at is not None:
        return None
    with transaction.atomic():
        link = AccessLink.objects.create(purpose=AccessLink.Purpose.SIGN_IN, contact=user.contact,
                                         expires_at=timezone.now() + timedelta(minutes=SIGN_IN_MINUTES))
        queue_email(
            key=f"portal-sign-in:{link.pk}", to=[user.email or user.username], about=link,
            subject=_("Your sign-in link to the partner portal"),
            body=_("Sign in to the partner portal with this link; it works once, within %(minutes)s minutes:\n"
                   "%(url)s\n\nIf you did not ask for it, ignore this email.") % {
                "minutes": SIGN_IN_MINUTES, "url": absolute(reverse("portal:sign_in_with_link", args=[link.token]))})
        record(actor=user, action="portal.sign_in_link_sent", target=user.contact, request=request)
    return link


def use_sign_in_link(*, link, request=None):
    """The partner user behind a usable sign-in link (the link is used up), or None."""
    with transaction.atomic():
        link = AccessLink.objects.select_for_update().select_related("contact").get(pk=link.pk)
        user = getattr(link.contact, "portal_user", None)
        if not link.is_usable or user is None or not user.is_active:
            return None
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        record(actor=user, action="portal.signed_in_with_link", target=link.contact, request=request)
    return user


def set_active(*, actor, contact, active, request=None):
    """Deactivate (or reactivate) a contact's partner user: a deactivated one cannot sign in."""
    ensure_can_invite_to_portal(actor, contact)
    user = User.objects.filter(contact=contact).first()
    if user is None:
        raise ValidationError(_("This contact has no partner user."))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(actor=actor, action="portal.reactivated" if active else "portal.deactivated", target=contact,
               request=request, changes={"user": user.pk})
    return user
