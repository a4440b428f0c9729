from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.cadence_health import cadences_needing_attention
from accounts.models import Account, User
from accounts.selectors import TIER_RANK, open_action_items_of
from socialcrm.extensions import Panel
from socialcrm.visibility import accounts_visible_to


def panels(request):
    return [*_action_items_panel(request.user), *_cadence_panel(request.user),
            *_accounts_panels(request.user)]


def _cadence_panel(user):
    """Agreed meetings overdue or due this week: the account manager's first duty, at a glance."""
    if user.role != User.Role.ACCOUNT_MANAGER and user.role not in (User.Role.EXECUTIVE, User.Role.ADMIN):
        return []
    due = cadences_needing_attention(accounts_visible_to(user).active())
    title = _("Cadence: overdue and due this week")
    return [Panel(title, "accounts/_home_cadence.html", {"cadences_due": due}, order=5)]


def _action_items_panel(user):
    """Open action items stay on their owner's home page until they are done."""
    if user.is_read_only:
        return []
    items = list(open_action_items_of(user)[:15])
    if not items and user.role != User.Role.ACCOUNT_MANAGER:
        return []
    return [Panel(_("My action items"), "accounts/_home_action_items.html", {"action_items": items},
                  order=10)]


def _accounts_panels(user):
    if user.role == User.Role.ACCOUNT_MANAGER:
        mine = accounts_visible_to(user).active().annotate(tier_rank=TIER_RANK).order_by("tier_rank", "name")[:10]
        return [Panel(_("My accounts"), "accounts/_home_accounts.html", {"accounts": mine}, order=20)]
    if user.reads_everything:
        counts = accounts_visible_to(user).active().aggregate(
            advertisers=Count("pk", filter=Q(side=Account.Side.ADVERTISER)),
            publishers=Count("pk", filter=Q(side=Account.Side.PUBLISHER)),
            active=Count("pk", filter=Q(status=Account.Status.ACTIVE)),
        )
        return [Panel(_("Alliance"), "accounts/_home_counts.html", {"counts": counts}, order=30)]
    return []
