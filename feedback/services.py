"""Writes to feedback: each function checks permission, validates, audits and returns the object."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import diff, record, snapshot
from feedback.models import Feedback, FeedbackLink, Redaction, Reply
from feedback.sla import respond_by
from notifications.models import Notification
from notifications.services import notify
from social import sentiment as classifier
from socialcrm.messages import deferred, ref
from socialcrm.visibility import can_send_links_for, ensure_can_redact, ensure_can_write

Status = Feedback.Status
TRANSITIONS = {
    Status.NEW: (Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.RESOLVED),
    Status.ACKNOWLEDGED: (Status.IN_PROGRESS, Status.RESOLVED),
    Status.IN_PROGRESS: (Status.ACKNOWLEDGED, Status.RESOLVED),
    Status.RESOLVED: (Status.CLOSED, Status.IN_PROGRESS),
    Status.CLOSED: (Status.IN_PROGRESS,),
}
EDITABLE_FIELDS = ("kind", "priority", "owner", "campaign", "channel")
REDACTABLE_FIELDS = ("text", "author_name", "author_contact", "resolution")
LINK_DAYS_DEFAULT = 14
LINK_DAYS_MAX = 60


def suggest_priority(*, kind, rating=None, nps=None, sentiment=None):
    """High for complaints and clearly unhappy partners; everything else normal."""
    unhappy = (
        kind == Feedback.Kind.COMPLAINT
        or (rating is not None and rating <= 2)
        or (nps is not None and nps <= 4)
        or sentiment == Feedback.Sentiment.NEGATIVE
    )
    return Feedback.Priority.HIGH if unhappy else Feedback.Priority.NORMAL


def default_owner(account=None, campaign=None):
    if account is not None:
        return account.account_manager
    if campaign is not None:
        return campaign.account_manager
    return None


def create_feedback(*, user, request=None, **fields):
    """Staff log feedback they received elsewhere (a call, a meeting, an email)."""
    ensure_can_write(user)
    with transaction.atomic():
        feedback = save_new_feedback(created_by=user, **fields)
        record(actor=user, action="feedback.created", target=feedback,
               changes=snapshot(feedback, fields=_AUDITED), request=request)
        _tell_owner_about_new(feedback)
    return feedback


def submit_partner_feedback(*, link, request=None, **fields):
    """A partner used their link. The link works once and only until it expires."""
    with transaction.atomic():
        link = FeedbackLink.objects.select_for_update(of=("self",)).select_related("account", "campaign").get(
            pk=link.pk)
        if link.is_used or link.is_expired:
            raise ValidationError(_("This feedback link can no longer be used."))
        account = link.account
        feedback = save_new_feedback(source=account.side, account=account, campaign=link.campaign,
                                 channel="feedback link", link=link, **fields)
        link.used_at = feedback.received_at
        link.save(update_fields=["used_at"])
        record(actor=None, action="feedback.submitted", target=feedback,
               changes=snapshot(feedback, fields=_AUDITED), request=request)
        _tell_owner_about_new(feedback)
    return feedback


_AUDITED = ("source", "account", "campaign", "channel", "kind", "rating", "nps", "sentiment",
            "priority", "status", "owner", "received_at", "respond_by")


def save_new_feedback(*, kind, text="", rating=None, nps=None, priority=None, owner=None,
                  received_at=None, account=None, campaign=None, sentiment=None, **extra):
    received_at = received_at or timezone.now()
    manual = bool(sentiment)
    sentiment = sentiment or classifier.classify(text)
    priority = priority or suggest_priority(kind=kind, rating=rating, nps=nps, sentiment=sentiment)
    feedback = Feedback(
        kind=kind, text=text, rating=rating, nps=nps, priority=priority, account=account,
        campaign=campaign, owner=owner or default_owner(account, campaign), received_at=received_at,
        respond_by=respond_by(priority, received_at, account), sentiment=sentiment,
        sentiment_is_manual=manual, **extra,
    )
    feedback.full_clean(exclude=["link", "created_by", "owner"])
    feedback.save()
    return feedback


def _tell_owner_about_new(feedback):
    if feedback.owner is None:
        return
    level = Notification.Level.WARNING if feedback.is_negative else Notification.Level.INFO
    notify(recipient=feedback.owner, kind="feedback_new", about=feedback, dedupe_key=f"feedback-new:{feedback.pk}",
           message=deferred("feedback_new", feedback=ref(feedback)),
           url=feedback.get_absolute_url(), level=level)


def update_feedback(*, user, feedback, request=None, **changes):
    """Triage: kind, priority, owner, campaign, channel. A new priority moves the deadline."""
    ensure_can_write(user)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = snapshot(feedback, fields=EDITABLE_FIELDS + ("respond_by",))
        previous_owner_id = feedback.owner_id
        for name, value in changes.items():
            setattr(feedback, name, value)
        if before["priority"] != feedback.priority:
            feedback.respond_by = respond_by(feedback.priority, feedback.received_at, feedback.account)
        feedback.save()
        changed = diff(before, snapshot(feedback, fields=EDITABLE_FIELDS + ("respond_by",)))
        if changed:
            record(actor=user, action="feedback.updated", target=feedback, changes=changed,
                   request=request)
        if feedback.owner_id and feedback.owner_id != previous_owner_id and feedback.owner != user:
            notify(recipient=feedback.owner, kind="feedback_assigned", about=feedback,
                   dedupe_key=f"feedback-assigned:{feedback.pk}:{feedback.owner_id}",
                   message=deferred("feedback_assigned", feedback=ref(feedback)),
                   url=feedback.get_absolute_url())
    return feedback


def add_reply(*, user, feedback, kind, text, request=None):
    """An internal note stays inside the team; a reply to the partner goes out through the outbox
    (portal.delivery) and becomes the first response when it was *sent* (mark_reply_sent)."""
    from portal.delivery import send_reply

    ensure_can_write(user)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something first."))
    with transaction.atomic():
        reply = Reply.objects.create(feedback=feedback, kind=kind, author=user, text=text)
        changes = {"reply": reply.pk, "kind": kind}
        if kind == Reply.Kind.PARTNER_REPLY:
            message = send_reply(reply)
            changes["queued"] = message.pk if message is not None else None
            if feedback.status == Status.NEW:  # the team took it up; the SLA clock waits for the send
                feedback.status = Status.ACKNOWLEDGED
                feedback.save(update_fields=["status", "updated_at"])
                changes["status"] = [Status.NEW, Status.ACKNOWLEDGED]
        action = "feedback.note_added" if reply.is_internal else "feedback.replied"
        record(actor=user, action=action, target=feedback, changes=changes, request=request)
    return reply


def mark_reply_sent(reply, sent_at):
    """The outbox sent a reply to the partner: the first response, if none was sent before."""
    if reply is None:
        return
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=reply.feedback_id)
        changes = _mark_responded(feedback, sent_at)
        if changes:
            record(actor=None, action="feedback.reply_sent", target=feedback, changes={"reply": reply.pk, **changes})


def _mark_responded(feedback, at):
    changes = {}
    fields = []
    if feedback.first_response_at is None:
        feedback.first_response_at = at
        changes["first_response_at"] = at
        fields.append("first_response_at")
    if feedback.status == Status.NEW:
        feedback.status = Status.ACKNOWLEDGED
        changes["status"] = [Status.NEW, Status.ACKNOWLEDGED]
        fields.append("status")
    if fields:
        feedback.save(update_fields=[*fields, "updated_at"])
    return changes


def change_status(*, user, feedback, status, resolution="", request=None):
    """Move along new -> acknowledged -> in progress -> resolved -> closed (or reopen).

    Resolving needs an explanation; it also counts as the first response when none was sent.
    """
    ensure_can_write(user)
    if status not in TRANSITIONS.get(feedback.status, ()):
        raise ValidationError(_("Feedback that is %(current)s cannot become %(new)s.") % {
            "current": feedback.get_status_display(), "new": Status(status).label})
    resolution = (resolution or "").strip()
    if status == Status.RESOLVED and not resolution:
        raise ValidationError(_("Explain how the feedback was resolved."))
    with transaction.atomic():
        now = timezone.now()
        before = snapshot(feedback, fields=("status", "resolution", "resolved_at", "first_response_at"))
        feedback.status = status
        if status == Status.RESOLVED:
            feedback.resolution = resolution
            feedback.resolved_at = now
            feedback.first_response_at = feedback.first_response_at or now
        elif status == Status.IN_PROGRESS and before["status"] in Feedback.DONE_STATUSES:
            feedback.resolved_at = None
        feedback.save()
        after = snapshot(feedback, fields=("status", "resolution", "resolved_at", "first_response_at"))
        action = "feedback.resolved" if status == Status.RESOLVED else "feedback.status_changed"
        record(actor=user, action=action, target=feedback, changes=diff(before, after), request=request)
    return feedback


def label_sentiment(*, user, feedback, sentiment, request=None):
    """A person's label wins over the classifier; an empty label hands it back to the classifier."""
    ensure_can_write(user)
    with transaction.atomic():
        before = snapshot(feedback, fields=("sentiment", "sentiment_is_manual"))
        if sentiment:
            feedback.sentiment, feedback.sentiment_is_manual = sentiment, True
        else:
            feedback.sentiment, feedback.sentiment_is_manual = classifier.classify(feedback.text), False
        feedback.save(update_fields=["sentiment", "sentiment_is_manual", "updated_at"])
        record(actor=user, action="feedback.sentiment_labelled", target=feedback,
               changes=diff(before, snapshot(feedback, fields=("sentiment", "sentiment_is_manual"))),
               request=request)
    return feedback


def redact(*, user, feedback, fields, reason, request=None):
    """Admins replace personal data with a marker; the record, its scores and a Redaction stay."""
    ensure_can_redact(user)
    fields = [name for name in REDACTABLE_FIELDS if name in fields]
    reason = (reason or "").strip()
    if not fields:
        raise ValidationError(_("Choose what to redact."))
    if not reason:
        raise ValidationError(_("Give the reason for the redaction."))
    with transaction.atomic():
        marker = _("[Redacted by an administrator on %(date)s]") % {
            "date": date_format(timezone.localdate(), "Y-m-d")}
        for name in fields:
            setattr(feedback, name, marker[: Feedback._meta.get_field(name).max_length or None])
        feedback.save(update_fields=[*fields, "updated_at"])
        redaction = Redaction.objects.create(feedback=feedback, fields=fields, reason=reason,
                                             redacted_by=user)
        record(actor=user, action="feedback.redacted", target=feedback,
               changes={"fields": fields, "reason": reason, "redaction": redaction.pk}, request=request)
    return redaction


def create_link(*, user, account, campaign=None, purpose="", valid_days=LINK_DAYS_DEFAULT, request=None):
    """A one-time, expiring link to the partner form, for an account the user manages."""
    if not can_send_links_for(user, account):
        raise PermissionDenied
    if campaign is not None and campaign.advertiser_id != account.pk and \
            not campaign.publishers.filter(pk=account.pk).exists():
        raise ValidationError(_("The campaign does not involve this account."))
    if not 1 <= valid_days <= LINK_DAYS_MAX:
        raise ValidationError(_("A link is valid for 1 to %(max)s days.") % {"max": LINK_DAYS_MAX})
    with transaction.atomic():
        link = FeedbackLink.objects.create(
            account=account, campaign=campaign, purpose=purpose, created_by=user,
            expires_at=timezone.now() + timedelta(days=valid_days),
        )
        record(actor=user, action="feedback.link_created", target=account,
               changes={"link": link.pk, "campaign": campaign, "expires_at": link.expires_at},
               request=request)
    return link


def flag_sla_breaches(*, now=None):
    """Mark feedback past its deadline without a first response, once, and tell its owner once.

    Safe to run twice at the same time: the conditional UPDATE lets only one run claim a row,
    and the notification's dedupe key makes a repeated notify a no-op.
    """
    now = now or timezone.now()
    overdue = Feedback.objects.filter(
        status__in=Feedback.OPEN_STATUSES, first_response_at__isnull=True,
        respond_by__lt=now, sla_breached_at__isnull=True,
    ).select_related("owner", "account", "campaign")
    flagged = 0
    for feedback in overdue:
        with transaction.atomic():
            claimed = Feedback.objects.filter(pk=feedback.pk, sla_breached_at__isnull=True).update(
                sla_breached_at=now)
            if not claimed:
                continue
            feedback.sla_breached_at = now
            record(actor=None, action="feedback.sla_breached", target=feedback,
                   changes={"respond_by": feedback.respond_by, "sla_breached_at": now})
            _tell_owner_about_breach(feedback)
            flagged += 1
    return flagged


def _tell_owner_about_breach(feedback):
    recipient = feedback.owner or default_owner(feedback.account, feedback.campaign)
    if recipient is None:
        return
    notify(recipient=recipient, kind="feedback_sla_breach", about=feedback, level=Notification.Level.URGENT,
           dedupe_key=f"feedback-sla-breach:{feedback.pk}",
           message=deferred("feedback_sla_breach", feedback=ref(feedback)),
           url=feedback.get_absolute_url())
