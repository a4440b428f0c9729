import pytest

from tests.social.factories import ProfileFactory


@pytest.fixture
def brand(alliance):
    """Advertiser A with a Douyin and a Weibo profile, managed by am_a."""
    return {
        **alliance,
        "douyin": ProfileFactory(account=alliance["adv_a"], platform="douyin", handle="lumiere_official"),
        "weibo": ProfileFactory(account=alliance["adv_a"], platform="weibo", handle="lumiere"),
        "other": ProfileFactory(account=alliance["adv_b"], platform="douyin", handle="bravo"),
        "secret_profile": ProfileFactory(account=alliance["secret"], platform="weibo", handle="secret"),
    }


from tests.api.conftest import api  # noqa: E402,F401 - the API caller fixture, shared
