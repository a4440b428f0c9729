from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback import analytics
from feedback.models import Feedback
from feedback.selectors import breached_q
from socialcrm.extensions import Panel
from socialcrm.visibility import feedback_visible_to

SHOWN = 8


def panels(request):
    user = request.user
    visible = feedback_visible_to(user)
    open_items = visible.filter(status__in=Feedback.OPEN_STATUSES)
    if user.is_read_only:
        numbers = analytics.summary(visible.filter(received_at__gte=timezone.now() - timedelta(days=90)))
        numbers["breached"] = open_items.filter(breached_q()).count()
        return [Panel(_("Feedback, last 90 days"), "feedback/_home_summary.html", {"summary": numbers},
                      order=45)]
    unanswered = open_items.filter(first_response_at__isnull=True)
    mine = unanswered if user.is_admin else unanswered.filter(owner=user)
    items = list(mine.select_related("account").order_by("respond_by")[:SHOWN])
    if not items:
        return []
    return [Panel(_("Feedback waiting for an answer"), "feedback/_home_due.html",
                  {"items": items, "breached": mine.filter(breached_q()).count()}, order=25)]
