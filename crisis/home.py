"""The home page's crisis panel: what is burning and what the user owes."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from crisis import selectors
from socialcrm.extensions import Panel

SHOWN_TO = (User.Role.ADMIN, User.Role.EXECUTIVE, User.Role.ACCOUNT_MANAGER, User.Role.PROJECT_LEAD)


def panels(request):
    user = request.user
    if user.role not in SHOWN_TO and not user.is_admin:
        return []
    my_actions = (selectors.open_actions_of(user).select_related("incident")[:6])
    return [Panel(_("Trust & crisis"), "crisis/_home_panel.html", {
        "open_signals": selectors.open_signals(user).count(),
        "open_incidents": selectors.open_incidents(user).count(),
        "overdue": selectors.overdue_actions(user).count(),
        "my_actions": my_actions,
        "today": timezone.localdate(),
    }, order=25)]
