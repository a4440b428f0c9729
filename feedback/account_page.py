from django.utils.translation import gettext_lazy as _

from feedback import analytics, charts
from feedback.models import Feedback
from feedback.selectors import feedback_for_account, links_for_account
from socialcrm.extensions import Panel
from socialcrm.visibility import can_send_links_for

OPEN_SHOWN = 6
LINKS_SHOWN = 5


def panels(request, account):
    feedback = feedback_for_account(request.user, account)
    trend = analytics.monthly_trend(feedback)
    context = {
        "account": account,
        "summary": analytics.summary(feedback),
        "times": analytics.response_times(feedback),
        "topics": analytics.top_topics(feedback, limit=6),
        "open_items": feedback.filter(status__in=Feedback.OPEN_STATUSES).select_related("owner")
        .order_by("respond_by")[:OPEN_SHOWN],
        "trend_figure": charts.trend_figure(trend) if trend else None,
        "chart_id": f"feedback-trend-{account.pk}",
        "can_send_links": can_send_links_for(request.user, account),
        "links": links_for_account(request.user, account)[:LINKS_SHOWN],
        "wide": True,
    }
    return [Panel(_("Feedback"), "feedback/_account_panel.html", context, order=30)]
