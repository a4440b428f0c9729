"""Shared data for the account-report tests: two whole months of facts through one publisher."""

from datetime import timedelta
from decimal import Decimal

from campaigns.models import DailyPerformance
from reports.account_report import ReportPeriod
from reports.rollups import rebuild_all


def last_month(today):
    return ReportPeriod.last_complete("month", today)


def days_of(period):
    return [period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1)]


def add_month_of_facts(campaign, publisher, period, *, spend="100.00", revenue="250.00", platform="douyin"):
    DailyPerformance.objects.bulk_create([
        DailyPerformance(campaign=campaign, publisher=publisher, platform=platform, day=day,
                         impressions=1000, clicks=20, conversions=2, spend=Decimal(spend),
                         revenue=Decimal(revenue), likes=5, comments=1, shares=1)
        for day in days_of(period)
    ])


def seed_two_months(alliance, today):
    """adv_a and adv_b both run through KOL One; adv_a spends 100/day, adv_b 40/day."""
    period = last_month(today)
    alliance["campaign_b"].publishers.add(alliance["publisher"])
    for month in (period, period.previous()):
        add_month_of_facts(alliance["campaign_a"], alliance["publisher"], month)
        add_month_of_facts(alliance["campaign_b"], alliance["publisher"], month, spend="40.00", revenue="20.00")
    rebuild_all()
    return period
