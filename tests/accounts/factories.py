from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import ActionItem, Cadence, Contact, Meeting, Partnership
from tests.factories import AccountFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    title = "Marketing director"
    email = factory.Sequence(lambda n: f"contact{n}@client.example")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    account = factory.SubFactory(AccountFactory)
    kind = Meeting.Kind.MONTHLY_REVIEW
    held_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    minutes = "Went through the numbers."
    decisions = "Keep going."
    logged_by = factory.SelfAttribute("account.account_manager")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    account = factory.SubFactory(AccountFactory)
    title = factory.Sequence(lambda n: f"Follow up {n}")
    owner = factory.SelfAttribute("account.account_manager")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))


class CadenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadence

    account = factory.SubFactory(AccountFactory)
    meeting_kind = Meeting.Kind.MONTHLY_REVIEW
    interval = Cadence.Interval.MONTHLY
    next_due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    advertiser = factory.SubFactory(AccountFactory)
    publisher = factory.SubFactory(AccountFactory, side="publisher", kind="media")
