"""Home: social-media policies the reader still has to acknowledge."""

from django.utils.translation import gettext_lazy as _

from governance.selectors import policies_to_acknowledge
from socialcrm.extensions import Panel


def panels(request):
    unread = list(policies_to_acknowledge(request.user)[:5])
    if not unread:
        return []
    return [Panel(_("Policies to read and acknowledge"), "governance/_home_policies.html",
                  {"policies": unread}, order=8)]
