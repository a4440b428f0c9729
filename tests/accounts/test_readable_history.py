"""The account page's change history reads like a sentence, in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import services
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def _history(client, account):
    html = client.get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    return html[html.index('class="card wide history"'):]


def test_owner_and_tier_changes_show_names_and_labels_not_ids(alliance, client_for):
    admin = alliance["admin"]
    new_manager = UserFactory(role="account_manager", username="lina", first_name="Li", last_name="Na")
    account = alliance["adv_a"]
    services.update_account(actor=admin, account=account, account_manager=new_manager, tier="strategic")
    history = _history(client_for(admin), account)
    assert f"{alliance['am_a']} → {new_manager}" in history
    assert "Strategic" in history
    assert "account_manager" not in history and "account.update" not in history
    assert "Account changed" in history


def test_history_is_rendered_in_the_readers_language(alliance, client_for):
    admin = alliance["admin"]
    services.update_account(actor=admin, account=alliance["adv_a"], tier="strategic")
    client = client_for(admin)
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        history = _history(client, alliance["adv_a"])
        assert "Strategic" not in history
        assert str(translation.gettext("Strategic")) in history


def test_a_partnership_never_names_a_partner_the_reader_may_not_see(alliance, client_for):
    secret_publisher = AccountFactory(side="publisher", kind="kol", name="Hidden KOL",
                                      account_manager=alliance["am_b"], is_confidential=True)
    advertiser = alliance["adv_b"]
    services.add_partnership(actor=alliance["admin"], account=advertiser, partner=secret_publisher)
    services.share_account(actor=alliance["am_b"], account=advertiser, colleague=alliance["am_a"])
    assert "Hidden KOL" not in _history(client_for(alliance["am_a"]), advertiser)
    assert "Hidden KOL" in _history(client_for(alliance["am_b"]), advertiser)
