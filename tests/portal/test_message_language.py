"""What the alliance sends a partner's contact is worded in the contact's language (else their
partner user's, else the site's default), never in the language of the staff member who sent it."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Contact
from feedback import services as feedback_services
from outbox.models import OutgoingMessage
from socialcrm.messages import contact_language
from tests.accounts.factories import ContactFactory
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def _reply_subject(partners, capture, sender_language):
    feedback = FeedbackFactory(account=partners["adv_a"], author_contact="chen@brand-a.example",
                               received_at=timezone.now(), text="Too long")
    with capture(execute=True), translation.override(sender_language):
        feedback_services.add_reply(user=partners["am_a"], feedback=feedback, kind="partner", text="OK")
    return OutgoingMessage.objects.get(to=["chen@brand-a.example"]).subject


def test_a_reply_written_by_a_chinese_reading_manager_reaches_an_english_contact_in_english(
        partners, django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=partners["client_contact"].pk).update(language="en")
    assert _reply_subject(partners, django_capture_on_commit_callbacks, "zh-hans").startswith("Re: your feedback of")


def test_a_contact_without_a_language_gets_their_partner_users_choice(partners, django_capture_on_commit_callbacks):
    partners["client"].language = "zh-hans"
    partners["client"].save(update_fields=["language"])
    assert _reply_subject(partners, django_capture_on_commit_callbacks, "en").startswith("回复：")


def test_the_site_default_when_neither_the_contact_nor_a_partner_user_chose(settings):
    contact = ContactFactory(email="new@brand.example")
    assert contact_language(contact) == settings.LANGUAGE_CODE
    assert contact_language(Contact(name="Someone", email="x@brand.example")) == settings.LANGUAGE_CODE


def test_an_invitation_to_a_chinese_contact_is_in_chinese_whatever_the_inviters_language(
        client, alliance, django_capture_on_commit_callbacks):
    contact = ContactFactory(account=alliance["adv_a"], name="陈", email="chen@brand-a.example", language="zh-hans")
    client.force_login(alliance["am_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:invite", args=[contact.pk]), HTTP_ACCEPT_LANGUAGE="en")
    message = OutgoingMessage.objects.get(to=["chen@brand-a.example"])
    assert "合作伙伴门户" in message.subject and "设置" in message.body


def test_the_account_manager_sets_a_contacts_language_on_the_contact_form(client, partners):
    contact = partners["client_contact"]
    client.force_login(partners["am_a"])
    page = client.get(reverse("accounts:contact_edit", args=[contact.pk])).content.decode()
    assert 'name="language"' in page
    response = client.post(reverse("accounts:contact_edit", args=[contact.pk]), {
        "name": contact.name, "email": contact.email, "language": "zh-hans"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.language == "zh-hans"
