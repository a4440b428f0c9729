"""What the social channel adds to an account's page: follower growth, competitor benchmarks and
the user-generated content whose reuse rights were granted."""

from django.utils.translation import gettext_lazy as _

from social import selectors
from socialcrm.extensions import Panel
from socialcrm.visibility import can_work_on_social


def panels(request, account):
    profiles = list(selectors.profiles_of(request.user, account).select_related("account"))
    can_work = can_work_on_social(request.user, account) and account.archived_at is None
    if not profiles and not can_work:
        return []
    context = {
        "account": account, "can_work": can_work,
        "growth": selectors.follower_growth([profile for profile in profiles if not profile.is_competitor]),
        "benchmarks": selectors.benchmarks(request.user, account) if any(p.is_competitor for p in profiles) else [],
        "showcase": selectors.ugc_showcase(request.user, account),
    }
    return [Panel(_("Social profiles"), "social/_account_panel.html", context, order=25)]
