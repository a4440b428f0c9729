"""Which campaigns a user may see and change. The only place that filters campaigns by visibility."""

from django.db.models import Q
from django.http import Http404

from accounts.models import User
from accounts.selectors import accounts_visible_to
from campaigns.models import Campaign


def campaigns_visible_to(user):
    campaigns = Campaign.objects.all()
    if user.reads_everything:
        if user.sees_confidential:
            return campaigns
        return campaigns.filter(advertiser__is_confidential=False)
    if user.role == User.Role.PROJECT_LEAD:
        return campaigns.filter(project_lead=user)
    if user.role == User.Role.ACCOUNT_MANAGER:
        visible_accounts = accounts_visible_to(user).values("pk")
        return campaigns.filter(Q(advertiser__in=visible_accounts) | Q(account_manager=user)).distinct()
    return campaigns.none()


def campaigns_editable_by(user):
    if user.is_admin:
        return Campaign.objects.all()
    if user.role == User.Role.PROJECT_LEAD:
        return Campaign.objects.filter(project_lead=user)
    return Campaign.objects.none()


def get_visible_campaign(user, pk):
    try:
        return campaigns_visible_to(user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError):
        raise Http404 from None
