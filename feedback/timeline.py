from django.utils.translation import gettext as _

from socialcrm.extensions import TimelineEvent
from socialcrm.visibility import feedback_visible_to


def events_for_account(account, *, user, before=None, limit=30):
    """Feedback received and resolved that the user may see (not about a campaign hidden from them)."""
    feedback = feedback_visible_to(user).filter(account=account).select_related("owner")
    if before is not None:
        feedback = feedback.filter(received_at__lt=before)
    events = []
    for item in feedback.order_by("-received_at")[:limit]:
        score = _score(item)
        events.append(TimelineEvent(
            at=item.received_at, kind="feedback", url=item.get_absolute_url(),
            title=_("Feedback received: %(kind)s%(score)s") % {"kind": item.get_kind_display(), "score": score},
            detail=item.text[:140],
        ))
        if item.resolved_at and (before is None or item.resolved_at < before):
            events.append(TimelineEvent(
                at=item.resolved_at, kind="feedback", url=item.get_absolute_url(),
                title=_("Feedback resolved: %(kind)s") % {"kind": item.get_kind_display()},
                detail=item.resolution[:140], actor=str(item.owner or ""),
            ))
    return events


def _score(item):
    parts = []
    if item.rating is not None:
        parts.append(f"{item.rating}/5")
    if item.nps is not None:
        parts.append(f"NPS {item.nps}")
    return f" ({', '.join(parts)})" if parts else ""
