from datetime import datetime, time, timedelta

from django.utils import timezone

from reports.account_report import ReportPeriod
from reports.models import ReportSchedule, Rollup, SentReport
from reports.rollups import rebuild_all
from socialcrm.visibility import accounts_visible_to

HISTORY_PERIODS = 3


def seed(ctx):
    """The demo facts are bulk-created by campaigns.demo; build their rollups in one pass."""
    rebuild_all()
    ctx.log.append(f"{Rollup.objects.count()} rollup rows")
    seed_schedules(ctx)


def seed_schedules(ctx):
    """A few standing report orders with the history of what the beat job sent before today.

    History rows are written directly (no email goes out while seeding); the next beat run sends
    the latest complete period, which is deliberately left out of the history.
    """
    am, executive = ctx.users["am"], ctx.users["exec"]
    own_accounts = list(accounts_visible_to(am).order_by("side", "name"))
    advertiser = next(a for a in own_accounts if a.is_advertiser)
    publisher = next(a for a in own_accounts if not a.is_advertiser)
    schedules = [
        _schedule(am, ReportSchedule.Kind.ACCOUNT_MONTHLY, advertiser),
        _schedule(am, ReportSchedule.Kind.ACCOUNT_WEEKLY, publisher, fmt=ReportSchedule.Format.CSV),
        _schedule(executive, ReportSchedule.Kind.EXECUTIVE_MONTHLY, None),
    ]
    history = [_sent(schedule, period) for schedule in schedules
               for period in _past_periods(schedule.period, ctx.today)]
    SentReport.objects.bulk_create(history)
    ctx.log.append(f"{len(schedules)} report schedules, {len(history)} sent reports")


def _schedule(recipient, kind, account, fmt=ReportSchedule.Format.XLSX):
    return ReportSchedule.objects.create(recipient=recipient, kind=kind, account=account, format=fmt,
                                         created_by=recipient)


def _past_periods(kind, today):
    period = ReportPeriod.last_complete(kind, today).previous()
    for _n in range(HISTORY_PERIODS):
        yield period
        period = period.previous()


def _sent(schedule, period):
    sent_at = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time(7, 0)))
    return SentReport(schedule=schedule, recipient=schedule.recipient, email=schedule.recipient.email,
                      period_start=period.start, period_end=period.end, status=SentReport.Status.SENT,
                      sent_at=sent_at)
