from django.utils.translation import gettext_lazy as _

from reports.models import ReportSchedule
from socialcrm.extensions import Panel
from socialcrm.visibility import schedules_visible_to


def panels(request, account):
    """Links to the account's monthly and weekly report, and the reader's own schedules for it."""
    context = {
        "account": account,
        "schedules": list(schedules_visible_to(request.user).filter(account=account, recipient=request.user,
                                                                    is_active=True)),
        "monthly_kind": ReportSchedule.Kind.ACCOUNT_MONTHLY,
    }
    return [Panel(_("Reports"), "reports/_account_reports_panel.html", context, order=80)]
