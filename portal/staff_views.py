"""The staff side of the portal: invite a contact, deactivate its partner user, send a client a
signed link to decide a review, download what a client attached to a decision."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.services import record
from campaigns.models import Review
from portal import services
from portal.delivery import in_language_of, send_to_contact
from portal.models import AccessLink
from socialcrm.attachments import attachment_response
from socialcrm.redirects import next_url
from socialcrm.visibility import (
    can_send_review_link,
    get_visible_contact,
    get_visible_milestone,
    milestones_visible_to,
)


def _back(request, fallback):
    return redirect(next_url(request, fallback))


@require_POST
def invite(request, pk):
    contact = get_visible_contact(request.user, pk)
    try:
        services.invite(actor=request.user, contact=contact, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitation emailed to %(email)s.") % {"email": contact.email})
    return _back(request, contact.account.get_absolute_url())


@require_POST
def set_active(request, pk, active):
    contact = get_visible_contact(request.user, pk)
    try:
        services.set_active(actor=request.user, contact=contact, active=active, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Portal access reactivated.") if active else _("Portal access deactivated."))
    return _back(request, contact.account.get_absolute_url())


@require_POST
def deactivate(request, pk):
    return set_active(request, pk, active=False)


@require_POST
def reactivate(request, pk):
    return set_active(request, pk, active=True)


@require_POST
def review_link(request, pk):
    """Email the advertiser's contact a signed link, valid for a week, to decide this client review."""
    milestone = get_visible_milestone(request.user, pk)
    if not can_send_review_link(request.user, milestone) or milestone.review_stage != "client":
        raise PermissionDenied
    contact = milestone.campaign.advertiser.contacts.filter(
        pk=request.POST.get("contact") or 0, archived_at__isnull=True).first()
    if contact is None:
        messages.error(request, _("Choose a contact of the advertiser."))
        return redirect(milestone.campaign)
    with transaction.atomic():
        link = AccessLink.objects.create(purpose=AccessLink.Purpose.REVIEW, contact=contact, milestone=milestone,
                                         created_by=request.user,
                                         expires_at=timezone.now() + timedelta(days=services.REVIEW_LINK_DAYS))
        with in_language_of(contact):
            subject = _("Your decision on “%(step)s” of %(campaign)s") % {"step": milestone.name,
                                                                         "campaign": milestone.campaign}
            body = _("Please approve the work or request changes here (the link works for %(days)s days):\n"
                     "%(url)s\n") % {"days": services.REVIEW_LINK_DAYS,
                                     "url": services.absolute(reverse("portal:review_by_link", args=[link.token]))}
        message = send_to_contact(contact, key=f"review-link:{link.pk}", about=link, subject=subject, body=body)
        record(actor=request.user, action="portal.review_link_sent", target=milestone, request=request,
               changes={"contact": contact.pk})
    if message is None:
        messages.error(request, _("The contact has no email address or webhook: the link could not be sent."))
    else:
        messages.success(request, _("Decision link sent to %(contact)s.") % {"contact": contact.name})
    return redirect(milestone.campaign)


@require_GET
def review_attachment(request, pk):
    review = Review.objects.filter(milestone__in=milestones_visible_to(request.user).values("pk"), pk=pk).first()
    if review is None:
        raise Http404
    return attachment_response(review.attachment)
