import pytest
from django.core.cache import cache

from feedback.models import Feedback
from tests.feedback.factories import FeedbackFactory, FeedbackLinkFactory


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(alliance):
    """The alliance plus feedback on each side, on the confidential account and from the public."""
    return {
        **alliance,
        "fb_a": FeedbackFactory(account=alliance["adv_a"], text="Alpha is happy"),
        "fb_b": FeedbackFactory(account=alliance["adv_b"], text="Bravo is unhappy", rating=1),
        "fb_secret": FeedbackFactory(account=alliance["secret"], text="Secret brand feedback"),
        "fb_public": FeedbackFactory(account=None, source=Feedback.Source.PUBLIC, channel="Weibo comments",
                                     owner=alliance["am_b"], text="Public grumble"),
        "link_a": FeedbackLinkFactory(account=alliance["adv_a"]),
        "link_b": FeedbackLinkFactory(account=alliance["adv_b"]),
    }
