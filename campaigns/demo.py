from datetime import timedelta
from decimal import Decimal

from campaigns.demo_plans import seed_plans
from campaigns.models import Campaign, DailyPerformance, KpiTarget

HISTORY_DAYS = 180

# name, advertiser index, publisher indexes, status, launch offset (days from today), length, lead
CAMPAIGNS = (
    ("Autumn Glow Launch", 0, (0, 1), Campaign.Status.LIVE, -60, 120, "lead"),
    ("Double 11 Snack Festival", 1, (2, 5), Campaign.Status.FINISHED, -40, 21, "lead"),
    ("Spring Ride 2026", 2, (4,), Campaign.Status.FINISHED, -170, 60, "lead2"),
    ("Agency Always-on 2026", 3, (3, 5), Campaign.Status.LIVE, -200, 400, "lead2"),
    ("Jade X5 Teaser", 4, (3,), Campaign.Status.PAUSED, -30, 60, "lead"),
    ("Winter Warm Cups", 5, (2,), Campaign.Status.IN_PRODUCTION, 12, 45, "lead2"),
    ("New Year Glow Gift Sets", 0, (1,), Campaign.Status.PLANNING, 35, 30, "lead"),
    ("Snack Pop-up Tour", 1, (2,), Campaign.Status.CANCELLED, -10, 20, "lead2"),
    ("Summer Skin Shield", 0, (0,), Campaign.Status.FINISHED, -150, 45, "lead"),
    ("Lumière Serum Relaunch", 0, (1,), Campaign.Status.IN_PRODUCTION, 9, 40, "lead"),
)


def seed(ctx):
    for name, adv, pubs, status, launch_offset, length, lead in CAMPAIGNS:
        advertiser = ctx.advertisers[adv]
        launch = ctx.today + timedelta(days=launch_offset)
        publishers = [ctx.publishers[i] for i in pubs]
        campaign = Campaign.objects.create(
            name=ctx.say(name), advertiser=advertiser, status=status, objective=Campaign.Objective.CONVERSIONS,
            platforms=sorted({p for publisher in publishers for p in publisher.platforms}),
            budget=Decimal(ctx.rng.randrange(200, 2000) * 1000), currency="CNY",
            start_on=launch - timedelta(days=30), launch_on=launch,
            end_on=launch + timedelta(days=length),
            project_lead=ctx.users[lead], account_manager=advertiser.account_manager,
            goals=ctx.say("Grow awareness and drive conversions among urban 20-35 year olds."),
        )
        campaign.publishers.set(publishers)
        _targets(campaign)
        ctx.campaigns.append(campaign)
    seed_plans(ctx)
    facts = [fact for campaign in ctx.campaigns for fact in _facts(ctx, campaign)]
    DailyPerformance.objects.bulk_create(facts, batch_size=2000)
    ctx.log.append(f"{len(ctx.campaigns)} campaigns, {len(facts)} daily facts over {HISTORY_DAYS} days")


def _targets(campaign):
    for kpi, direction, target, at_risk in (
        ("ctr", KpiTarget.Direction.AT_LEAST, "1.2", "1.0"),
        ("cpa", KpiTarget.Direction.AT_MOST, "35", "42"),
        ("roi", KpiTarget.Direction.AT_LEAST, "150", "120"),
        ("engagement_rate", KpiTarget.Direction.AT_LEAST, "3.0", "2.5"),
    ):
        KpiTarget.objects.create(campaign=campaign, kpi=kpi, direction=direction,
                                 target=Decimal(target), at_risk_threshold=Decimal(at_risk))


def _facts(ctx, campaign):
    if campaign.status in (Campaign.Status.PLANNING, Campaign.Status.IN_PRODUCTION):
        return
    first = max(campaign.launch_on, ctx.today - timedelta(days=HISTORY_DAYS))
    last = min(campaign.end_on, ctx.today - timedelta(days=1))
    if campaign.status == Campaign.Status.CANCELLED:
        last = min(last, campaign.launch_on + timedelta(days=3))
    rng = ctx.rng
    quality = rng.uniform(0.7, 1.4)
    for publisher in campaign.publishers.all():
        for platform in publisher.platforms[:2]:
            day = first
            while day <= last:
                impressions = int(rng.uniform(20_000, 120_000) * (1.3 if day.weekday() >= 5 else 1))
                clicks = int(impressions * rng.uniform(0.008, 0.02) * quality)
                conversions = int(clicks * rng.uniform(0.02, 0.06))
                spend = Decimal(clicks * rng.uniform(0.8, 2.2)).quantize(Decimal("0.01"))
                revenue = (spend * Decimal(rng.uniform(0.9, 3.2) * quality)).quantize(Decimal("0.01"))
                yield DailyPerformance(
                    campaign=campaign, publisher=publisher, platform=platform, day=day,
                    impressions=impressions, reach=int(impressions * rng.uniform(0.6, 0.85)),
                    clicks=clicks, conversions=conversions, spend=spend, revenue=revenue,
                    likes=int(impressions * rng.uniform(0.01, 0.04)),
                    comments=int(impressions * rng.uniform(0.001, 0.005)),
                    shares=int(impressions * rng.uniform(0.001, 0.006)),
                    follows=int(impressions * rng.uniform(0.0005, 0.003)),
                )
                day += timedelta(days=1)
