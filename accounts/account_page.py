"""What this app adds to an account's page: the partnership charter."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Charter
from socialcrm.extensions import Panel
from socialcrm.visibility import can_edit_account


def panels(request, account):
    charter = (Charter.objects.filter(account=account)
               .select_related("escalation_staff", "escalation_contact").first())
    can_edit = can_edit_account(request.user, account) and account.archived_at is None
    if charter is None and not can_edit:
        return []
    return [Panel(_("Partnership charter"), "accounts/_charter.html",
                  {"charter": charter, "account": account, "can_edit": can_edit}, order=15)]
