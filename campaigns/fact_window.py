"""Performance facts dated outside their campaign's start..end: one rule for the import, the
dashboard, the campaign page and the reports.

A fact outside the dates is kept and counted wherever its day is read (a period is a period), and
flagged everywhere: the campaign's own run totals leave it out, so the flag says why the two can
differ. The import flags such rows when it checks a file (`outside_report`) and the user decides
per file: leave them out (`outside_lines`), or accept them and extend the campaign
(`extend_to_cover`).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.services import record
from socialcrm.visibility import can_edit_campaign


def days_outside(campaign, days):
    """The given days that fall before the campaign's start or after its end, sorted."""
    return sorted({day for day in days if day < campaign.start_on or day > campaign.end_on})


def windows_of(campaign_ids):
    """{campaign_id: (start_on, end_on)}: the dates as they are now."""
    from campaigns.models import Campaign

    return {pk: (start, end) for pk, start, end in
            Campaign.objects.filter(pk__in=list(campaign_ids)).values_list("pk", "start_on", "end_on")}


def outside_mask(frame, windows):
    """Which rows of a frame of (campaign, day) fall outside their campaign's dates (vectorised)."""
    import pandas as pd

    if frame.empty:
        return pd.Series(False, index=frame.index)
    days = pd.to_datetime(frame["day"])
    starts = pd.to_datetime(frame["campaign"].map(lambda pk: windows[pk][0]))
    ends = pd.to_datetime(frame["campaign"].map(lambda pk: windows[pk][1]))
    return (days < starts) | (days > ends)


def outside_rows(frames):
    """(lines, {campaign_id: [days]}) of the rows dated outside their campaign's dates, read from
    frames of (line, campaign, day) chunk by chunk against the campaigns' current dates."""
    lines, days = set(), {}
    windows = {}
    for frame in frames:
        missing = set(frame["campaign"].unique()) - set(windows)
        windows.update(windows_of(int(pk) for pk in missing))
        outside = frame[outside_mask(frame, windows)]
        lines.update(int(line) for line in outside["line"])
        for campaign_id, day in zip(outside["campaign"], outside["day"], strict=True):
            days.setdefault(int(campaign_id), set()).add(day)
    return lines, {campaign_id: sorted(found) for campaign_id, found in days.items()}


def outside_report(frames):
    """[{campaign, name, start_on, end_on, rows, first_line, ranges}] of a checked file's rows dated
    outside their campaign's dates, one entry per campaign (JSON-ready, for the import's report).
    `frames`: one frame of (line, campaign, day) or an iterable of them (read chunk by chunk; only
    the rows outside are kept)."""
    import pandas as pd

    from campaigns.models import Campaign
    from reports.periods import ranges_of

    frames = [frames] if isinstance(frames, pd.DataFrame) else frames
    windows, parts = {}, []
    for frame in frames:
        if frame.empty:
            continue
        windows.update(windows_of(int(pk) for pk in set(frame["campaign"].unique()) - set(windows)))
        parts.append(frame[outside_mask(frame, windows)])
    outside = pd.concat(parts) if parts else pd.DataFrame()
    if outside.empty:
        return []
    names = dict(Campaign.objects.filter(pk__in=list(windows)).values_list("pk", "name"))
    report = []
    for campaign_id, rows in outside.groupby("campaign"):
        start, end = windows[int(campaign_id)]
        report.append({
            "campaign": int(campaign_id), "name": names[int(campaign_id)], "start_on": start.isoformat(),
            "end_on": end.isoformat(), "rows": len(rows), "first_line": int(rows["line"].min()),
            "ranges": [[first.isoformat(), last.isoformat()] for first, last in ranges_of(rows["day"])]})
    return sorted(report, key=lambda item: item["name"])


def extend_to_cover(*, actor, campaign, days, request=None):
    """Move the campaign's start back and/or its end forward so every given day is inside it.

    For an import whose user chose "accept and extend". Needs the right to edit the campaign;
    audited with the dates before and after. Returns the campaign (unchanged when nothing is out).
    """
    outside = days_outside(campaign, days)
    if not outside:
        return campaign
    if not can_edit_campaign(actor, campaign):
        raise PermissionDenied
    with transaction.atomic():
        before = {"start_on": campaign.start_on.isoformat(), "end_on": campaign.end_on.isoformat()}
        campaign.start_on = min(campaign.start_on, outside[0])
        campaign.end_on = max(campaign.end_on, outside[-1])
        if campaign.launch_on < campaign.start_on:
            campaign.launch_on = campaign.start_on
        campaign.save(update_fields=["start_on", "end_on", "launch_on", "updated_at"])
        record(actor=actor, action="campaigns.campaign.extended_to_facts", target=campaign, request=request,
               changes={"before": before, "after": {"start_on": campaign.start_on.isoformat(),
                                                    "end_on": campaign.end_on.isoformat()},
                        "days_outside": [day.isoformat() for day in outside[:50]]})
    return campaign


def outside_by_campaign(rollup_rows, start, end):
    """{campaign_id: [days]} of campaign-grain day rollups in [start, end] dated outside their
    campaign's dates: read from rollups, so it costs the same at any number of facts."""
    from django.db.models import F, OuterRef, Q, Subquery

    from campaigns.models import Campaign

    dates = Campaign.objects.filter(pk=OuterRef("campaign_id"))
    found = (rollup_rows.filter(period="day", period_start__range=(start, end))
             .annotate(run_start=Subquery(dates.values("start_on")), run_end=Subquery(dates.values("end_on")))
             .filter(Q(period_start__lt=F("run_start")) | Q(period_start__gt=F("run_end")))
             .values_list("campaign_id", "period_start"))
    outside = {}
    for campaign_id, day in found:
        outside.setdefault(campaign_id, []).append(day)
    return {campaign_id: sorted(days) for campaign_id, days in outside.items()}
