"""Reads about feedback: the inbox, threads, partner links. Who may see and change which feedback
is decided in socialcrm/visibility.py.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404
from django.utils import timezone

from feedback.models import Feedback, FeedbackLink
from socialcrm.visibility import (
    can_send_links_for,
    feedback_visible_to,
)


def links_for_account(user, account):
    if not can_send_links_for(user, account):
        return FeedbackLink.objects.none()
    return account.feedback_links.select_related("campaign", "created_by", "feedback")


def get_link_by_token(token):
    """The link a partner's token names, or 404 for a forged or unknown token."""
    nonce = FeedbackLink.nonce_from_token(token)
    link = FeedbackLink.objects.select_related("account", "campaign").filter(nonce=nonce).first()
    if nonce is None or link is None:
        raise Http404
    return link


def inbox_items(user, filters):
    """Visible feedback narrowed by the inbox filters (a cleaned `InboxFilterForm`'s data)."""
    feedback = feedback_visible_to(user).select_related("account", "campaign", "owner")
    status = filters.get("status") or "open"
    if status == "open":
        feedback = feedback.filter(status__in=Feedback.OPEN_STATUSES)
    elif status != "all":
        feedback = feedback.filter(status=status)
    for name in ("priority", "kind", "sentiment", "source", "account"):
        if filters.get(name):
            feedback = feedback.filter(**{name: filters[name]})
    if filters.get("mine"):
        feedback = feedback.filter(owner=user)
    if filters.get("breached"):
        feedback = feedback.filter(breached_q())
    query = filters.get("q")
    if query:
        feedback = feedback.filter(Q(text__icontains=query) | Q(channel__icontains=query)
                                   | Q(account__name__icontains=query))
    if status in ("all", "resolved", "closed"):
        return feedback.order_by("-received_at", "pk")
    # Unanswered first, most urgent deadline first; then answered items still being worked on.
    answered = ExpressionWrapper(Q(first_response_at__isnull=False), output_field=BooleanField())
    return feedback.annotate(answered=answered).order_by("answered", "respond_by", "pk")


def breached_q(now=None):
    """Flagged by the beat job, or already past the deadline without a first response."""
    now = now or timezone.now()
    overdue = Q(status__in=Feedback.OPEN_STATUSES, first_response_at__isnull=True, respond_by__lt=now)
    return Q(sla_breached_at__isnull=False) | overdue


def thread_of(feedback):
    return feedback.replies.select_related("author")


def feedback_for_account(user, account):
    return feedback_visible_to(user).filter(account=account)
