from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, User
from accounts.selectors import accounts_visible_to
from socialcrm.extensions import Panel


def panels(request):
    user = request.user
    if user.role == User.Role.ACCOUNT_MANAGER:
        mine = accounts_visible_to(user).active().order_by("-tier", "name")[:10]
        return [Panel(_("My accounts"), "accounts/_home_accounts.html", {"accounts": mine}, order=20)]
    if user.reads_everything:
        counts = accounts_visible_to(user).active().aggregate(
            advertisers=Count("pk", filter=Q(side=Account.Side.ADVERTISER)),
            publishers=Count("pk", filter=Q(side=Account.Side.PUBLISHER)),
            active=Count("pk", filter=Q(status=Account.Status.ACTIVE)),
        )
        return [Panel(_("Alliance"), "accounts/_home_counts.html", {"counts": counts}, order=30)]
    return []
