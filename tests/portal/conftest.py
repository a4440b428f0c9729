"""A small alliance with partner users: Advertiser A's client contact, and KOL One's contact
(KOL One carries campaign A and campaign B of Advertiser B)."""

import pytest
from django.core import mail

from accounts.models import User
from tests.accounts.factories import ContactFactory
from tests.factories import TEST_PASSWORD


def make_partner(contact, username=None):
    user = User(username=username or contact.email, email=contact.email, role=User.Role.PARTNER, contact=contact)
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


@pytest.fixture
def partners(alliance):
    alliance["campaign_b"].publishers.add(alliance["publisher"])
    client_contact = ContactFactory(account=alliance["adv_a"], name="Chen Client", email="chen@brand-a.example")
    kol_contact = ContactFactory(account=alliance["publisher"], name="Kai KOL", email="kai@kol.example")
    b_contact = ContactFactory(account=alliance["adv_b"], name="Bo B", email="bo@brand-b.example")
    mail.outbox.clear()
    return {**alliance, "client_contact": client_contact, "kol_contact": kol_contact, "b_contact": b_contact,
            "client": make_partner(client_contact), "kol": make_partner(kol_contact),
            "partner_b": make_partner(b_contact)}
