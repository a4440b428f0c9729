"""What this app adds to an account's timeline: meetings, action items and campaigns."""

from datetime import datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ActionItem
from socialcrm.extensions import TimelineEvent
from socialcrm.visibility import campaigns_visible_to, meetings_visible_to

LAUNCH_TIME = time(9)  # a campaign's launch day is placed on the timeline at 09:00 local time


def events_for_account(account, *, user, before=None, limit=30):
    """Meetings and action items follow the account (which the user sees); campaigns are only
    those the user may see, not every campaign of the account."""
    return [
        *_meetings(account, user, before, limit),
        *_action_items(account, before, limit),
        *_completed_action_items(account, before, limit),
        *_campaigns(account, user, before, limit),
    ]


def _meetings(account, user, before, limit):
    meetings = meetings_visible_to(user).filter(account=account, archived_at__isnull=True).select_related("logged_by")
    if before:
        meetings = meetings.filter(held_at__lt=before)
    for meeting in meetings.order_by("-held_at")[:limit]:
        yield TimelineEvent(
            at=meeting.held_at, kind="meeting",
            title=(_("%(kind)s (planned)") % {"kind": meeting.get_kind_display()}
                   if meeting.is_planned else meeting.get_kind_display()),
            url=meeting.get_absolute_url(), detail=(meeting.decisions or meeting.minutes)[:160],
            actor=str(meeting.logged_by),
        )


def _open_items(account):
    return ActionItem.objects.filter(account=account, archived_at__isnull=True).select_related("owner")


def _action_items(account, before, limit):
    items = _open_items(account)
    if before:
        items = items.filter(created_at__lt=before)
    for item in items.order_by("-created_at")[:limit]:
        yield TimelineEvent(
            at=item.created_at, kind="action_item", title=item.title, url=_item_url(item),
            detail=_("due %(due)s") % {"due": item.due_on.isoformat()}, actor=str(item.owner),
        )


def _completed_action_items(account, before, limit):
    items = _open_items(account).filter(done_at__isnull=False)
    if before:
        items = items.filter(done_at__lt=before)
    for item in items.order_by("-done_at")[:limit]:
        yield TimelineEvent(
            at=item.done_at, kind="action_item", title=_("Done: %(title)s") % {"title": item.title},
            url=_item_url(item), actor=str(item.owner),
        )


def _item_url(item):
    if item.meeting_id:
        return reverse("accounts:meeting_detail", args=[item.meeting_id])
    return reverse("accounts:account_detail", args=[item.account_id]) + "#action-items"


def _campaigns(account, user, before, limit):
    campaigns = campaigns_visible_to(user).filter(
        Q(advertiser=account) | Q(pk__in=account.carried_campaigns.values("pk")),
        archived_at__isnull=True,
    )
    if before:
        campaigns = campaigns.filter(launch_on__lte=timezone.localtime(before).date())
    for campaign in campaigns.order_by("-launch_on", "-pk")[:limit]:
        at = timezone.make_aware(datetime.combine(campaign.launch_on, LAUNCH_TIME))
        if before and at >= before:
            continue
        yield TimelineEvent(
            at=at, kind="campaign",
            title=_("%(name)s launches") % {"name": campaign.name}, url=campaign.get_absolute_url(),
            detail=campaign.get_status_display(),
        )
