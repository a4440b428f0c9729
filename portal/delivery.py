"""What goes out to a partner's contact: replies to their feedback, statements during incidents,
and scheduled reports. One outbox (outbox.mail): email, or the group webhook of the contact's
preferred channel (WeCom, DingTalk, WeChat) when they prefer one and gave its address.

The feedback SLA's first response is the moment a reply to the partner was *sent* (the outbox
says so), not when it was written.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from outbox.mail import queue_email, queue_webhook
from outbox.signals import on_delivery_about
from socialcrm.messages import contact_language

WEBHOOK_CHANNELS = ("wecom", "dingtalk", "wechat")


def _channel(contact):
    return (contact.preferred_channel or "").strip().lower().replace(" ", "")


def in_language_of(contact):
    """Word what goes to `contact` in their language, whoever sends it (`with in_language_of(c):`)."""
    return translation.override(contact_language(contact))


def send_to_contact(contact, *, key, subject, body, about=None, attachments=()):
    """Queue one message to `contact` on their preferred channel; None when they have no address.
    Build `subject` and `body` inside `in_language_of(contact)`."""
    if _channel(contact) in WEBHOOK_CHANNELS and contact.webhook_url:
        return queue_webhook(key=key, url=contact.webhook_url, subject=subject, body=body, about=about)
    if contact.email:
        return queue_email(key=key, to=[contact.email], subject=subject, body=body, about=about,
                           attachments=attachments)
    return None


def _is_email(text):
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def reply_recipient(feedback):
    """Whom a reply to the partner goes to: the contact who wrote the feedback (matched by address),
    else the address they left, else the account's primary contact. None: nobody to send it to."""
    from accounts.models import Contact

    author = (feedback.author_contact or "").strip()
    contacts = Contact.objects.filter(account_id=feedback.account_id, archived_at__isnull=True)
    if author:
        match = contacts.filter(Q(email__iexact=author) | Q(phone=author) | Q(wechat=author)).first()
        if match is not None:
            return match
        if _is_email(author):
            return Contact(name=feedback.author_name or author, email=author)
    if feedback.account_id:
        return contacts.filter(is_primary=True).exclude(email="", webhook_url="").first() or \
            contacts.exclude(email="").first()
    return None


def send_reply(reply):
    """Queue a reply to the partner (in the reply's transaction); None when nobody can receive it."""
    feedback = reply.feedback
    contact = reply_recipient(feedback)
    if contact is None:
        return None
    with in_language_of(contact):
        subject = _("Re: your feedback of %(day)s") % {"day": f"{feedback.received_at:%Y-%m-%d}"}
    return send_to_contact(contact, key=f"feedback-reply:{reply.pk}", about=reply, subject=subject,
                           body=reply.text)


def statement_recipients(statement):
    """The contacts of the account a statement was sent to: its partner users, else its primary contact."""
    from accounts.models import Contact

    contacts = Contact.objects.filter(account_id=statement.account_id, archived_at__isnull=True) \
        .select_related("portal_user")  # their language is read for each (contact_language)
    with_access = contacts.filter(portal_user__is_active=True)
    return list(with_access) or list(contacts.filter(is_primary=True)[:1])


def send_statement(statement):
    for contact in statement_recipients(statement):
        with in_language_of(contact):
            subject = _("A statement from the alliance about %(incident)s") % {"incident": statement.incident.title}
        send_to_contact(contact, key=f"statement:{statement.pk}:{contact.pk}", about=statement,
                        subject=subject, body=statement.body)


def _reply_delivered(message):
    from feedback.services import mark_reply_sent

    if message.status == message.Status.SENT:
        mark_reply_sent(message.about, message.sent_at)


def connect():
    from feedback.models import Reply

    on_delivery_about(Reply, _reply_delivered)
