from datetime import timedelta

import factory
from django.utils import timezone

from social.models import Experiment, Mention, Post, SocialProfile, Variant
from tests.factories import AccountFactory, UserFactory


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialProfile

    account = factory.SubFactory(AccountFactory)
    platform = "douyin"
    handle = factory.Sequence(lambda n: f"brand{n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    profile = factory.SubFactory(ProfileFactory)
    external_id = factory.Sequence(lambda n: f"p{n}")
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    content_type = "video"
    text = "Winter glow routine"
    text_length = factory.LazyAttribute(lambda post: len(post.text))
    impressions = 1000
    likes = 30
    comments = 5
    shares = 3
    saves = 2
    clicks = 20
    conversions = 2


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    account = factory.SubFactory(AccountFactory)
    kind = Mention.Kind.MENTION
    platform = "weibo"
    external_id = factory.Sequence(lambda n: f"m{n}")
    text = "Lumière 的精华很好用"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    sentiment = "positive"


class ExperimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experiment

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Test {n}")
    metric = Experiment.Metric.CTR
    min_sample = 1000
    created_by = factory.SubFactory(UserFactory)


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    experiment = factory.SubFactory(ExperimentFactory)
    label = "A"
