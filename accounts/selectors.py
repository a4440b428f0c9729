"""Who may see and edit which account. The only place that filters accounts by visibility."""

from django.db.models import Q
from django.http import Http404

from accounts.models import Account, User


def accounts_visible_to(user):
    accounts = Account.objects.all()
    if user.reads_everything:
        return accounts if user.sees_confidential else accounts.filter(is_confidential=False)
    if user.role == User.Role.ACCOUNT_MANAGER:
        return accounts.filter(Q(account_manager=user) | Q(shared_with=user)).distinct()
    if user.role == User.Role.PROJECT_LEAD:
        led = Q(campaigns__project_lead=user) | Q(carried_campaigns__project_lead=user)
        return accounts.filter(led).distinct()
    return accounts.none()


def accounts_editable_by(user):
    if user.is_admin:
        return Account.objects.all()
    if user.role == User.Role.ACCOUNT_MANAGER:
        return accounts_visible_to(user)
    return Account.objects.none()


def can_edit_account(user, account):
    return accounts_editable_by(user).filter(pk=account.pk).exists()


def get_visible_account(user, pk):
    """The account, or 404 when it does not exist *or* the user may not see it."""
    try:
        return accounts_visible_to(user).get(pk=pk)
    except (Account.DoesNotExist, ValueError):
        raise Http404 from None
