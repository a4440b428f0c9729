"""Extra owner, account_manager, project_lead and budget fields in a POST change nothing a role may
not set: the forms list their fields, and the matrix' roles cannot widen them."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from accounts.models import Account
from feedback.models import Feedback


def _value(value):
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None:
        return ""
    return getattr(value, "pk", value)


def as_post_data(*forms_or_formsets):
    """What a browser would post back for the forms as they were rendered."""
    data = {}
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            data.update(as_post_data(item.management_form, *item.forms))
            continue
        for name, field in item.fields.items():
            value = _value(item[name].value())
            if isinstance(field, forms.BooleanField) and not value:
                continue
            data[item.add_prefix(name)] = value
    return data


def _smuggle(world, data):
    other = world["am_b"]
    return {**data, "owner": other.pk, "account_manager": other.pk, "project_lead": world["lead_b"].pk,
            "budget": "999999999"}


@pytest.mark.django_db
def test_an_account_manager_cannot_hand_a_new_account_to_someone_else(world, client):
    client.force_login(world["am_a"])
    url = reverse("accounts:account_create", kwargs={"side": "advertiser"})
    form = client.get(url).context["form"]
    assert "account_manager" not in form.fields
    data = {**as_post_data(form), "name": "Fresh Brand", "kind": "brand", "platforms": ["douyin"]}
    response = client.post(url, _smuggle(world, data))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Account.objects.get(name="Fresh Brand").account_manager == world["am_a"]


@pytest.mark.django_db
def test_an_account_manager_cannot_reassign_their_account(world, client):
    account = world["adv_a"]
    client.force_login(world["am_a"])
    url = reverse("accounts:account_edit", args=[account.pk])
    data = as_post_data(client.get(url).context["form"])
    assert client.post(url, _smuggle(world, {**data, "name": "Renamed A"})).status_code == 302
    account.refresh_from_db()
    assert (account.name, account.account_manager) == ("Renamed A", world["am_a"])


@pytest.mark.django_db
def test_a_project_lead_cannot_change_who_runs_the_campaign(world, client):
    campaign = world["campaign_a"]
    client.force_login(world["lead_a"])
    url = reverse("campaigns:campaign_edit", args=[campaign.pk])
    page = client.get(url)
    data = as_post_data(page.context["form"], page.context["targets"])
    budget_field_is_theirs = "budget" in page.context["form"].fields
    response = client.post(url, _smuggle(world, {**data, "name": "Renamed campaign"}))
    assert response.status_code == 302, response.context and response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.name == "Renamed campaign"
    assert (campaign.project_lead, campaign.account_manager) == (world["lead_a"], world["am_a"])
    # A lead may set the budget in the form, so the smuggled value only sticks if the form has it.
    assert (campaign.budget == Decimal("999999999")) == budget_field_is_theirs


@pytest.mark.django_db
def test_new_feedback_belongs_to_the_account_not_to_a_smuggled_owner(world, client):
    client.force_login(world["am_a"])
    url = reverse("feedback:feedback_create")
    form = client.get(url).context["form"]
    assert "owner" not in form.fields
    data = {**as_post_data(form), "source": "advertiser", "account": world["adv_a"].pk,
            "kind": form.fields["kind"].choices[0][0], "text": "Smuggled owner test"}
    response = client.post(url, _smuggle(world, data))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Feedback.objects.get(text="Smuggled owner test").owner == world["am_a"]
