from django.utils.translation import gettext_lazy as _

from notifications.selectors import notifications_for
from socialcrm.extensions import Panel


def panels(request):
    latest = list(notifications_for(request.user).filter(read_at__isnull=True)[:5])
    if not latest:
        return []
    return [Panel(_("Unread notifications"), "notifications/_home_panel.html",
                  {"notifications": latest}, order=90)]
