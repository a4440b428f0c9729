from datetime import timedelta

import factory
from django.utils import timezone

from feedback.models import Feedback, FeedbackLink, Reply
from tests.factories import AccountFactory, UserFactory


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    source = Feedback.Source.ADVERTISER
    account = factory.SubFactory(AccountFactory)
    owner = factory.SelfAttribute("account.account_manager")
    kind = Feedback.Kind.COOPERATION
    rating = 4
    text = factory.Sequence(lambda n: f"Feedback text number {n}")
    received_at = factory.LazyFunction(timezone.now)
    respond_by = factory.LazyAttribute(lambda f: f.received_at + timedelta(hours=48))


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    feedback = factory.SubFactory(FeedbackFactory)
    kind = Reply.Kind.PARTNER_REPLY
    author = factory.SubFactory(UserFactory)
    text = "We are on it."


class FeedbackLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackLink

    account = factory.SubFactory(AccountFactory)
    created_by = factory.SelfAttribute("account.account_manager")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
