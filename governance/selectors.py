"""Reads, filtered by who may see them: checklists follow their account's visibility."""

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from accounts.selectors import accounts_visible_to
from governance.models import Acknowledgement, Checklist, ChecklistTemplate, Entry, Policy


def live_templates():
    return ChecklistTemplate.objects.filter(archived_at__isnull=True).order_by("name")


def checklists_visible_to(user):
    return Checklist.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def get_visible_checklist(user, pk):
    return get_object_or_404(checklists_visible_to(user).select_related("account", "template"), pk=pk)


def get_visible_entry(user, pk):
    entries = Entry.objects.filter(checklist__in=checklists_visible_to(user).values("pk"))
    return get_object_or_404(entries.select_related("checklist__account", "item"), pk=pk)


def checklists_with_progress(account):
    """The account's checklists, each with `done` and `applicable` counts of its live items."""
    live = Q(entries__item__archived_at__isnull=True)
    return (
        account.checklists.select_related("template")
        .annotate(
            done=Count("entries", filter=live & Q(entries__status=Entry.Status.DONE)),
            applicable=Count("entries", filter=live & ~Q(entries__status=Entry.Status.NOT_APPLICABLE)),
        )
        .order_by("template__name")
    )


def checklist_entries(checklist):
    return (checklist.entries.filter(item__archived_at__isnull=True)
            .select_related("item", "owner").order_by("item__position", "item__pk"))


def live_policies():
    return Policy.objects.filter(archived_at__isnull=True)


def policies_to_acknowledge(user):
    """Live policies whose current version the user has not acknowledged yet."""
    read = Acknowledgement.objects.filter(policy=OuterRef("pk"), version=OuterRef("version"), user=user)
    return live_policies().exclude(Exists(read)).order_by("published_at")


def acknowledgements_of(policy):
    """Who confirmed the current version, and when."""
    return (policy.acknowledgements.filter(version=policy.version)
            .select_related("user").order_by("user__first_name", "user__username"))
