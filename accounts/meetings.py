"""Meetings about one campaign: which campaigns a meeting on an account may be about."""

from django.apps import apps
from django.db.models import Q


def campaigns_of(account):
    """The account's live campaigns: as advertiser, or carried as publisher."""
    campaign = apps.get_model("campaigns", "Campaign")
    return (campaign.objects.filter(Q(advertiser=account) | Q(publishers=account),
                                    archived_at__isnull=True)
            .distinct().order_by("-launch_on", "name"))
