"""Which imports a user may see. Importers see their own (admins all); executives and analysts
see the history of imports that wrote only campaigns visible to them, without file contents."""

from django.db.models import Q
from django.http import Http404

from accounts.models import Account
from accounts.selectors import accounts_visible_to
from campaigns.models import Campaign
from campaigns.selectors import campaigns_visible_to
from imports.models import ImportJob


def jobs_visible_to(user):
    jobs = ImportJob.objects.select_related("source", "uploaded_by")
    if user.is_admin:
        return jobs
    if user.role == user.Role.PROJECT_LEAD:
        return jobs.filter(uploaded_by=user)
    if user.reads_everything:
        hidden = Campaign.objects.exclude(pk__in=campaigns_visible_to(user).values("pk"))
        return jobs.filter(status=ImportJob.Status.DONE).exclude(campaigns__in=hidden)
    return jobs.none()


def get_own_job(user, pk):
    """A job the user may act on (their own, or any for an admin); 404 otherwise."""
    jobs = ImportJob.objects.select_related("source", "campaign", "publisher")
    if not user.is_admin:
        jobs = jobs.filter(uploaded_by=user)
    try:
        return jobs.get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError):
        raise Http404 from None


def publishers_choosable_by(user):
    """Publishers an import may attribute facts to: every publisher but the confidential ones the
    user may not see (their names must not show up in a select or a row check)."""
    return Account.objects.publishers().filter(
        Q(is_confidential=False) | Q(pk__in=accounts_visible_to(user).values("pk")))
