"""The account page's training panel: what the partner's people were trained on."""

from django.utils.translation import gettext_lazy as _

from socialcrm.extensions import Panel
from training.selectors import training_record_of_contacts


def panels(request, account):
    attended = list(training_record_of_contacts(account, request.user)[:20])
    if not attended:
        return []
    return [Panel(_("Training of the partner's people"), "training/_account_training.html",
                  {"attendances": attended}, order=80)]
