from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from campaigns.models import DailyPerformance, KpiTarget, Milestone
from crisis.models import WarningRule
from feedback.models import Feedback
from reports import rollups
from tests.factories import AccountFactory, CampaignFactory, UserFactory


class WarningRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarningRule

    name = factory.Sequence(lambda n: f"Rule {n}")
    kind = WarningRule.Kind.KPI_BELOW_TARGET
    severity = "high"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    source = Feedback.Source.ADVERTISER
    account = factory.SubFactory(AccountFactory)
    kind = Feedback.Kind.COOPERATION
    sentiment = Feedback.Sentiment.NEUTRAL
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    respond_by = factory.LazyAttribute(lambda f: f.received_at + timedelta(hours=24))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    campaign = factory.SubFactory(CampaignFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Milestone {n}")
    owner = factory.SubFactory(UserFactory, role="project_lead")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    due_on = factory.LazyFunction(timezone.localdate)
    is_key = True


def kpi_target(campaign, kpi="ctr", target="1.2", at_risk="1.0", direction="gte"):
    return KpiTarget.objects.create(campaign=campaign, kpi=kpi, direction=direction,
                                    target=Decimal(target), at_risk_threshold=Decimal(at_risk))


def record_daily_facts(campaign, days, *, impressions=10_000, clicks=150, conversions=5, spend="100",
                       revenue="300", publisher=None, ending=None):
    """Performance facts for the last `days` full days, one row a day.

    Like the import, it refreshes the rollups the rules read through `reports.selectors`.
    """
    publisher = publisher or campaign.publishers.first() or AccountFactory(side="publisher", kind="kol")
    last = ending or timezone.localdate() - timedelta(days=1)
    for offset in range(days):
        DailyPerformance.objects.update_or_create(
            campaign=campaign, publisher=publisher, platform="douyin", day=last - timedelta(days=offset),
            defaults={"impressions": impressions, "clicks": clicks, "conversions": conversions,
                      "spend": Decimal(spend), "revenue": Decimal(revenue)},
        )
    rollups.refresh([campaign.advertiser_id], [(last - timedelta(days=days - 1), last)])
