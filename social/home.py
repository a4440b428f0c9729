"""The social channel on the home page: the fastest-growing own profiles the user may see, and
the negative share of what was heard this week."""

from django.utils.translation import gettext_lazy as _

from social import selectors
from socialcrm.extensions import Panel
from socialcrm.visibility import social_profiles_visible_to

SHOWN = 6


def panels(request):
    profiles = (social_profiles_visible_to(request.user).filter(archived_at__isnull=True, competitor_name="")
                .select_related("account"))
    growth = [row for row in selectors.follower_growth(profiles) if row.followers is not None]
    if not growth:
        return []
    growth.sort(key=lambda row: -(row.changes.get(30) or (0, 0))[0])
    return [Panel(_("Follower growth"), "social/_home_growth.html", {"rows": growth[:SHOWN]}, order=55)]
