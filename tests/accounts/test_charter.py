"""The partnership charter: agreed principles on the account page, prefilling cadence and SLA."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from feedback import services as feedback_services
from tests.accounts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _charter_form(alliance, contact, **overrides):
    return {"principles": "No surprises on spend", "response_hours": "6", "meeting_interval": "monthly",
            "channels": ["wechat", "email"], "confidentiality": "Budgets stay between us",
            "escalation_staff": alliance["am_a"].pk, "escalation_contact": contact.pk,
            "agreed_on": "2026-11-02", **overrides}


def test_an_account_manager_agrees_a_charter_shown_on_the_account_page(alliance, client_for):
    contact = ContactFactory(account=alliance["adv_a"], name="Zhang Wei")
    client = client_for(alliance["am_a"])
    response = client.post(reverse("accounts:charter_edit", args=[alliance["adv_a"].pk]),
                           _charter_form(alliance, contact))
    assert response.status_code == 302
    page = client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    for shown in ("No surprises on spend", "within 6 hours", "WeChat, Email", "Zhang Wei",
                  "Budgets stay between us"):
        assert shown in page


def test_the_charter_prefills_the_cadence_interval(alliance, client_for):
    services.set_charter(actor=alliance["am_a"], account=alliance["adv_a"], meeting_interval="quarterly")
    form = client_for(alliance["am_a"]).get(reverse("accounts:cadence_create", args=[alliance["adv_a"].pk]))
    assert '<option value="quarterly" selected>' in form.content.decode()


def test_feedback_from_the_partner_is_due_by_the_charters_stricter_time(alliance):
    services.set_charter(actor=alliance["am_a"], account=alliance["adv_a"], response_hours=2)
    feedback = feedback_services.create_feedback(user=alliance["am_a"], source="advertiser",
                                                 account=alliance["adv_a"], kind="billing", text="ok")
    assert feedback.respond_by - feedback.received_at == timedelta(hours=2)
    other = feedback_services.create_feedback(user=alliance["am_b"], source="advertiser",
                                              account=alliance["adv_b"], kind="billing", text="ok")
    assert other.respond_by - other.received_at > timedelta(hours=2)


def test_a_looser_charter_never_loosens_an_urgent_deadline(alliance):
    services.set_charter(actor=alliance["am_a"], account=alliance["adv_a"], response_hours=72)
    feedback = feedback_services.create_feedback(user=alliance["am_a"], source="advertiser",
                                                 account=alliance["adv_a"], kind="billing",
                                                 text="ok", priority="urgent")
    assert feedback.respond_by - feedback.received_at <= timedelta(hours=4)


def test_escalation_contact_must_belong_to_the_account(alliance):
    with pytest.raises(ValidationError):
        services.set_charter(actor=alliance["am_a"], account=alliance["adv_a"],
                             escalation_contact=ContactFactory(account=alliance["adv_b"]))


def test_another_account_manager_cannot_change_the_charter(alliance, client_for):
    url = reverse("accounts:charter_edit", args=[alliance["adv_a"].pk])
    assert client_for(alliance["am_b"]).post(url, {"principles": "x"}).status_code == 404
