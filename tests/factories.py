from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Account, User
from campaigns.models import Campaign

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = User.Role.ACCOUNT_MANAGER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    side = Account.Side.ADVERTISER
    name = factory.Sequence(lambda n: f"Account {n}")
    kind = Account.Kind.BRAND
    industry = "Beauty"
    status = Account.Status.ACTIVE
    account_manager = factory.SubFactory(UserFactory)
    platforms = factory.LazyFunction(lambda: ["douyin", "weibo"])


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    advertiser = factory.SubFactory(AccountFactory)
    platforms = factory.LazyFunction(lambda: ["douyin"])
    budget = Decimal("100000")
    start_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    launch_on = factory.LazyFunction(timezone.localdate)
    end_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = Campaign.Status.LIVE
    project_lead = factory.SubFactory(UserFactory, role=User.Role.PROJECT_LEAD)
    account_manager = factory.SelfAttribute("advertiser.account_manager")
