from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports import selectors
from reports.dashboard import SHORT_HEADLINE, headline
from reports.models import Rollup
from reports.portfolio import windows
from reports.saved_views import views_of
from socialcrm.extensions import Panel


def panels(request):
    return [*saved_view_panels(request), *roi_panels(request)]


def saved_view_panels(request):
    """The dashboard views this user saved, one click from home."""
    views = list(views_of(request.user))
    if not views:
        return []
    return [Panel(_("Saved dashboard views"), "reports/_home_saved_views.html", {"views": views}, order=9)]


def roi_panels(request):
    """Executives, analysts and admins: the alliance's last 30 days against the 30 before."""
    user = request.user
    if not user.reads_everything:
        return []
    current, previous = windows(timezone.localdate())
    rows = selectors.rollups(Rollup.Grain.ADVERTISER, selectors.visible_advertiser_ids(user))
    figures = headline(selectors.totals(rows, *current), selectors.totals(rows, *previous), SHORT_HEADLINE)
    return [Panel(_("Return on investment, last 30 days"), "reports/_home_roi.html",
                  {"headline": figures, "current": current, "previous": previous}, order=10)]
