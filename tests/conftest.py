import pytest

from tests.factories import AccountFactory, CampaignFactory, UserFactory


@pytest.fixture
def make_user(db):
    def make(role="account_manager", **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def client_for(client):
    def login_as(user):
        client.force_login(user)
        return client

    return login_as


@pytest.fixture
def alliance(db):
    """Two account managers, each with an advertiser and a campaign, plus one of every other role."""
    am_a = UserFactory(role="account_manager", username="am_a")
    am_b = UserFactory(role="account_manager", username="am_b")
    lead_a = UserFactory(role="project_lead", username="lead_a")
    lead_b = UserFactory(role="project_lead", username="lead_b")
    adv_a = AccountFactory(account_manager=am_a, name="Advertiser A")
    adv_b = AccountFactory(account_manager=am_b, name="Advertiser B")
    secret = AccountFactory(account_manager=am_b, name="Secret Brand", is_confidential=True)
    publisher = AccountFactory(side="publisher", kind="kol", account_manager=am_a, name="KOL One")
    campaign_a = CampaignFactory(advertiser=adv_a, project_lead=lead_a, account_manager=am_a)
    campaign_b = CampaignFactory(advertiser=adv_b, project_lead=lead_b, account_manager=am_b)
    campaign_a.publishers.add(publisher)
    return {
        "am_a": am_a, "am_b": am_b, "lead_a": lead_a, "lead_b": lead_b,
        "admin": UserFactory(role="admin", username="boss"),
        "executive": UserFactory(role="executive", username="exec1"),
        "analyst": UserFactory(role="analyst", username="analyst1"),
        "adv_a": adv_a, "adv_b": adv_b, "secret": secret, "publisher": publisher,
        "campaign_a": campaign_a, "campaign_b": campaign_b,
    }


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Attachments written by a test land in a folder of its own, never in the checkout."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request in Chinese leaves Chinese active in the thread (LocaleMiddleware activates, nothing
    deactivates between tests): the next test starts in the site's default again."""
    from django.utils import translation

    yield
    translation.deactivate()
