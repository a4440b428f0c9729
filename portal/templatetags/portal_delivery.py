from django import template

from outbox.mail import messages_about

register = template.Library()


@register.simple_tag
def delivery_of(obj):
    """The newest outgoing message about `obj` (a reply, a statement): its status and failure reason."""
    return messages_about(obj).first()


@register.inclusion_tag("portal/_delivery.html")
def delivery_status(obj):
    """Whether a message to the partner went out: queued, sent, failed with the reason, or never
    queued because the partner left no address."""
    return {"message": messages_about(obj).first(), "unsent": True}
