"""Saved dashboard views: a named set of dashboard filters, one list per user, opened from home.

Only the dashboard's own filter parameters are kept, so a saved link never carries anything else;
whatever it names is read through the same visibility rules when opened.
"""

from django.db import transaction
from django.http import QueryDict

from audit.services import record
from reports.models import SavedView

FILTER_PARAMS = ("period", "start", "end", "compare", "compare_start", "compare_end", "advertiser",
                 "platform", "publisher", "campaign")


def filters_only(query):
    """The dashboard filters of a query string, empty ones dropped."""
    params = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in FILTER_PARAMS:
        if params.get(name):
            kept[name] = params.get(name)
    return kept.urlencode()


def save_view(*, actor, name, query, request=None):
    """Save (or overwrite) the actor's view of this name."""
    with transaction.atomic():
        view, created = SavedView.objects.update_or_create(owner=actor, name=name.strip(),
                                                           defaults={"query": filters_only(query)})
        record(actor=actor, action="reports.saved_view.saved", target=view, request=request,
               changes={"name": view.name, "query": view.query, "created": created})
    return view


def delete_view(*, actor, view, request=None):
    with transaction.atomic():
        record(actor=actor, action="reports.saved_view.deleted", target=view, request=request,
               changes={"name": view.name, "query": view.query})
        view.delete()


def views_of(user):
    return SavedView.objects.filter(owner=user)
