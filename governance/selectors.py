"""Reads about checklists and policies. Who may see which checklist is decided in
socialcrm/visibility.py (they follow their account)."""

from django.db.models import Count, Exists, OuterRef, Q

from governance.models import Acknowledgement, ChecklistTemplate, Entry, Policy


def live_templates():
    return ChecklistTemplate.objects.filter(archived_at__isnull=True).order_by("name")


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
