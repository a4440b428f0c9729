"""Changes made in the Django admin are audited like the app's own, and the trail cannot be edited."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accounts.models import Contact
from audit.admin_site import AuditedAdminMixin
from audit.models import AuditEntry
from campaigns.models import Campaign
from tests.accounts.factories import ContactFactory

pytestmark = pytest.mark.django_db
ADMIN_IP = "192.0.2.44"


class _FormValues(HTMLParser):
    """What a browser would submit for the admin's change form, as the page rendered it."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            else:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def change_form_data(client, url):
    parser = _FormValues()
    parser.feed(client.get(url).content.decode())
    return parser.data


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(role="admin", is_staff=True, is_superuser=True, username="root"))
    return client


def test_every_model_in_the_admin_is_audited():
    unaudited = [model._meta.label for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, AuditedAdminMixin)]
    assert admin.site._registry and not unaudited


def test_clearing_the_confidential_flag_in_the_admin_is_audited_with_old_and_new_value(admin_client,
                                                                                      alliance):
    secret = alliance["secret"]
    url = reverse("admin:accounts_account_change", args=[secret.pk])
    data = change_form_data(admin_client, url)
    data.pop("is_confidential")
    response = admin_client.post(url, data, REMOTE_ADDR=ADMIN_IP)
    assert response.status_code == 302, response.content.decode()[:2000]
    secret.refresh_from_db()
    assert secret.is_confidential is False
    entry = AuditEntry.objects.for_object(secret).get()
    assert (entry.action, entry.actor.username, entry.ip_address) == ("account.admin_change", "root", ADMIN_IP)
    assert entry.changes == {"is_confidential": [True, False]}


def test_deleting_a_contact_inline_on_the_account_page_is_audited(admin_client, alliance):
    contact = ContactFactory(account=alliance["adv_a"], name="Wang Fang")
    url = reverse("admin:accounts_account_change", args=[alliance["adv_a"].pk])
    data = change_form_data(admin_client, url)
    assert data["contacts-0-id"] == [str(contact.pk)]
    data["contacts-0-DELETE"] = ["on"]
    assert admin_client.post(url, data).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    entry = AuditEntry.objects.get(action="contact.admin_delete")
    assert (entry.target_id, entry.target_repr, entry.actor.username) == (str(contact.pk), str(contact), "root")
    assert entry.changes["name"] == "Wang Fang"


def test_deleting_a_campaign_in_the_admin_is_audited_before_it_goes(admin_client, alliance):
    campaign = alliance["campaign_b"]
    response = admin_client.post(reverse("admin:campaigns_campaign_delete", args=[campaign.pk]),
                                 {"post": "yes"}, REMOTE_ADDR=ADMIN_IP)
    assert response.status_code == 302
    assert not Campaign.objects.filter(pk=campaign.pk).exists()
    entry = AuditEntry.objects.get(action="campaign.admin_delete")
    assert (entry.target_id, entry.ip_address) == (str(campaign.pk), ADMIN_IP)
    assert entry.changes["name"] == campaign.name and entry.changes["advertiser"] == alliance["adv_b"].pk


def test_bulk_deleting_in_the_admin_audits_every_row(admin_client, alliance):
    campaigns = [alliance["campaign_a"], alliance["campaign_b"]]
    response = admin_client.post(reverse("admin:campaigns_campaign_changelist"), {
        "action": "delete_selected", "post": "yes", "_selected_action": [c.pk for c in campaigns]})
    assert response.status_code == 302
    deleted = set(AuditEntry.objects.filter(action="campaign.admin_delete").values_list("target_id", flat=True))
    assert deleted == {str(c.pk) for c in campaigns}


def test_adding_in_the_admin_is_audited_without_secrets(admin_client):
    url = reverse("admin:accounts_user_add")
    data = change_form_data(admin_client, url)
    data.update(username=["newcomer"], password1=["A-long-pass-2026!"], password2=["A-long-pass-2026!"],
                usable_password=["true"])
    assert admin_client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="user.admin_add")
    assert entry.changes["username"] == "newcomer" and "password" not in entry.changes


@pytest.mark.skipif(not settings.USES_POSTGRES, reason="the trigger exists on PostgreSQL only")
@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditentry SET action = 'forged' WHERE id = %s",
    "DELETE FROM audit_auditentry WHERE id = %s",
])
def test_postgresql_refuses_raw_sql_that_changes_or_removes_an_entry(alliance, statement):
    entry = AuditEntry.objects.create(actor=alliance["am_a"], action="account.update")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "account.update"


def test_setting_a_password_in_the_admin_is_audited_without_the_password(admin_client, make_user):
    colleague = make_user(username="mei")
    url = reverse("admin:auth_user_password_change", args=[colleague.pk])
    response = admin_client.post(url, {"password1": "A-long-pass-2026!", "password2": "A-long-pass-2026!",
                                       "usable_password": "true"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="user.admin_change")
    assert entry.target_id == str(colleague.pk)
    assert set(entry.changes) == {"admin_message"} and "pbkdf2" not in str(entry.changes)
    assert "md5" not in str(entry.changes)
