from datetime import timedelta

import factory
from django.utils import timezone

from campaigns.models import Milestone
from tests.factories import CampaignFactory


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    campaign = factory.SubFactory(CampaignFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    kind = Milestone.Kind.ASSET_PRODUCTION
    name = factory.Sequence(lambda n: f"Step {n}")
    owner = factory.SelfAttribute("campaign.project_lead")
    duration_days = 1
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    starts_on = factory.SelfAttribute("due_on")
    planned_due_on = factory.SelfAttribute("due_on")
