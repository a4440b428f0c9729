"""A user's iCalendar feed (RFC 5545): the milestones they own, the client meetings they attend
and their open action items, so their own calendar shows what they committed to.

Built with the user's visibility at the moment the calendar app fetches it: once an account or
campaign is no longer visible to them (unshared, made confidential), its entries disappear."""

from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from socialcrm.visibility import action_items_visible_to, meetings_visible_to, milestones_visible_to

PAST_DAYS = 60
MEETING_LENGTH = timedelta(hours=1)


def feed_for(user, today):
    since = today - timedelta(days=PAST_DAYS)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SocialCRM//Campaign plans//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:SocialCRM"]
    stamp = _utc(timezone.now())
    for milestone in _milestones(user, since):
        lines += _all_day_event(
            uid=f"milestone-{milestone.pk}", stamp=stamp, day=milestone.due_on,
            summary=f"{milestone.name} · {milestone.campaign.name}",
            description=f"{milestone.get_status_display()} · {milestone.starts_on:%Y-%m-%d} → {milestone.due_on:%Y-%m-%d}",
            url=_absolute(reverse("campaigns:campaign_detail", args=[milestone.campaign_id])),
        )
    for meeting in _meetings(user, since):
        lines += [
            "BEGIN:VEVENT", f"UID:meeting-{meeting.pk}@socialcrm", f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(meeting.held_at)}", f"DTEND:{_utc(meeting.held_at + MEETING_LENGTH)}",
            _text("SUMMARY", f"{meeting.get_kind_display()} · {meeting.account.name}"),
            _text("DESCRIPTION", meeting.agenda),
            f"URL:{_absolute(meeting.account.get_absolute_url())}",
            "END:VEVENT",
        ]
    for item in _action_items(user, since):
        lines += _all_day_event(
            uid=f"action-item-{item.pk}", stamp=stamp, day=item.due_on,
            summary=f"{item.title} · {item.account.name}", description="",
            url=_absolute(item.account.get_absolute_url()),
        )
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _milestones(user, since):
    return (milestones_visible_to(user).filter(owner=user, due_on__gte=since, campaign__archived_at__isnull=True)
            .select_related("campaign").order_by("due_on", "pk"))


def _meetings(user, since):
    return (meetings_visible_to(user).filter(staff_attendees=user, held_at__date__gte=since, archived_at__isnull=True)
            .select_related("account").order_by("held_at", "pk"))


def _action_items(user, since):
    return (action_items_visible_to(user).filter(owner=user, done_at__isnull=True, archived_at__isnull=True,
                                      due_on__gte=since)
            .select_related("account").order_by("due_on", "pk"))


def _all_day_event(*, uid, stamp, day, summary, description, url):
    return [
        "BEGIN:VEVENT", f"UID:{uid}@socialcrm", f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        _text("SUMMARY", summary), _text("DESCRIPTION", description), f"URL:{url}",
        "END:VEVENT",
    ]


def _text(name, value):
    escaped = (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
               .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))
    return f"{name}:{escaped}"


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _absolute(path):
    return f"{settings.SITE_URL}{path}"
