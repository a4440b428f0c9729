"""The account page's governance panel: each checklist's progress, and starting one."""

from django.utils.translation import gettext_lazy as _

from governance.selectors import checklists_with_progress, live_templates
from socialcrm.extensions import Panel
from socialcrm.visibility import can_edit_account


def panels(request, account):
    if not account.is_advertiser:
        return []
    checklists = list(checklists_with_progress(account))
    can_edit = can_edit_account(request.user, account) and account.archived_at is None
    started = {checklist.template_id for checklist in checklists}
    startable = [template for template in live_templates() if template.pk not in started] if can_edit else []
    if not checklists and not startable:
        return []
    return [Panel(_("Governance and brand protection"), "governance/_account_checklists.html",
                  {"checklists": checklists, "startable": startable, "account": account}, order=70)]
