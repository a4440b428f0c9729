import pytest

from tests.accounts.factories import (
    ActionItemFactory,
    CadenceFactory,
    ContactFactory,
    MeetingFactory,
    PartnershipFactory,
)


def records_of(account):
    """One of everything that hangs off an account, keyed by the URL argument that names it."""
    meeting = MeetingFactory(account=account)
    return {
        "account": account,
        "contact": ContactFactory(account=account),
        "meeting": meeting,
        "action_item": ActionItemFactory(account=account, meeting=meeting),
        "cadence": CadenceFactory(account=account),
        "partnership": PartnershipFactory(advertiser=account,
                                          publisher__account_manager=account.account_manager),
    }


@pytest.fixture
def others(alliance):
    """am_b's ordinary advertiser and confidential brand, each with all its records."""
    return {"adv_b": records_of(alliance["adv_b"]), "secret": records_of(alliance["secret"])}
