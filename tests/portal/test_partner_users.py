"""Partner users: invited by email through the outbox, set a password or use a one-time link,
belong to one organisation, can be deactivated, are throttled, and never reach staff pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from outbox.models import OutgoingMessage
from tests.accounts.factories import ContactFactory
from tests.factories import TEST_PASSWORD
from tests.security.matrix import PUBLIC

NEW_PASSWORD = "a-long-partner-pass-2026"


def _link_in(email, name):
    return re.search(r"https?://[^/\s]+(/portal/" + name + r"/[^\s]+/)", email.body).group(1)


def test_an_account_manager_invites_a_contact_by_email_and_the_contact_sets_a_password(
        client, alliance, django_capture_on_commit_callbacks):
    contact = ContactFactory(account=alliance["adv_a"], name="Chen", email="Chen@Brand-A.example")
    client.force_login(alliance["am_a"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:invite", args=[contact.pk]))

    assert response.status_code == 302
    user = User.objects.get(contact=contact)
    assert (user.role, user.username, user.has_usable_password()) == ("partner", "chen@brand-a.example", False)
    message = OutgoingMessage.objects.get(to=["chen@brand-a.example"])
    assert message.status == "sent"  # through the outbox
    link = _link_in(mail.outbox[-1], "welcome")
    client.logout()
    response = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.post(link, {"password": "x" * 20, "password_again": "x" * 20}).status_code == 410  # once
    assert AuditEntry.objects.filter(action="portal.invited").exists()


def test_only_the_accounts_editors_may_invite(client, alliance):
    contact = ContactFactory(account=alliance["adv_b"], email="b@brand-b.example")
    client.force_login(alliance["am_a"])
    assert client.post(reverse("partners:invite", args=[contact.pk])).status_code == 404
    client.force_login(alliance["analyst"])
    assert client.post(reverse("partners:invite", args=[contact.pk])).status_code == 403
    assert not User.objects.filter(contact=contact).exists()


def test_a_contact_without_an_email_gets_a_clear_message(client, alliance):
    contact = ContactFactory(account=alliance["adv_a"], email="")
    client.force_login(alliance["am_a"])
    response = client.post(reverse("partners:invite", args=[contact.pk]), follow=True)
    assert "has no email address" in response.content.decode()
    assert not User.objects.filter(contact=contact).exists()


def test_a_partner_signs_in_with_a_one_time_emailed_link(client, partners, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:sign_in_link"), {"email": "CHEN@brand-a.example"})
    assert response.status_code == 200
    link = _link_in(mail.outbox[-1], "sign-in")
    assert client.get(link).status_code == 200  # a confirmation page: a mail scanner does not use it up
    assert client.post(link).url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    client.logout()
    assert client.post(link).status_code == 410  # works once


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, partners):
    response = client.post(reverse("portal:sign_in_link"), {"email": "nobody@nowhere.example"})
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert not mail.outbox


def test_a_deactivated_partner_can_no_longer_sign_in_or_use_its_session(client, partners):
    client.force_login(partners["client"])
    staff = client.__class__()
    staff.force_login(partners["am_a"])
    staff.post(reverse("partners:deactivate", args=[partners["client_contact"].pk]))
    assert client.get(reverse("portal:home")).status_code == 302  # signed out: to the login page
    client.logout()
    response = client.post(reverse("login"), {"username": "chen@brand-a.example", "password": TEST_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_partner_sign_in_is_throttled_like_staff(client, partners, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "chen@brand-a.example", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "chen@brand-a.example", "password": TEST_PASSWORD})
    assert response.status_code == 429 or "_auth_user_id" not in client.session


def test_a_partner_user_belongs_to_one_organisation_and_is_never_staff(partners):
    from django.db import IntegrityError, transaction

    user = partners["client"]
    assert user.organisation_id == partners["adv_a"].pk
    user.is_staff = True
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="orphan", role="partner")


def test_a_partner_never_reaches_the_admin_or_the_staff_api(client, partners):
    client.force_login(partners["client"])
    assert client.get("/admin/").status_code == 403
    assert client.get("/api/v1/campaigns/").status_code == 403
    assert client.get("/").url == reverse("portal:home")


def test_a_partners_api_token_is_refused(client, partners):
    from api.services import create_token

    _token, secret = create_token(user=partners["client"], name="sneaky")
    response = client.get("/api/v1/campaigns/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_public_urls_are_few(client):
    assert {"portal:accept_invitation", "portal:sign_in_link", "portal:sign_in_with_link",
            "portal:review_by_link"} <= set(PUBLIC)
