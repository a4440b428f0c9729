"""Action items owned by the project lead or the partner's people, repeating, and reassigned."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import ActionItem
from notifications.models import Notification
from tests.accounts.factories import ContactFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _item(alliance, **fields):
    return services.add_action_item(actor=alliance["am_a"], account=alliance["adv_a"],
                                    title="Send the brief", due_on=timezone.localdate(), **fields)


def test_the_campaigns_project_lead_can_own_an_action_item(alliance):
    item = _item(alliance, owner=alliance["lead_a"])
    assert item.owner == alliance["lead_a"]
    assert Notification.objects.filter(recipient=alliance["lead_a"], kind="action_item_assigned").exists()


def test_a_project_lead_of_another_advertiser_cannot(alliance):
    with pytest.raises(ValidationError):
        _item(alliance, owner=alliance["lead_b"])


def test_a_partner_contact_owns_it_and_staff_follows_up(alliance, client_for):
    contact = ContactFactory(account=alliance["adv_a"], name="Zhang Wei")
    _item(alliance, owner=alliance["am_a"], owner_contact=contact)
    page = client_for(alliance["am_a"]).get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert "Zhang Wei (partner), followed up by" in page


def test_a_contact_of_another_account_cannot_own_it(alliance):
    stranger = ContactFactory(account=alliance["adv_b"])
    with pytest.raises(ValidationError):
        _item(alliance, owner=alliance["am_a"], owner_contact=stranger)


def test_a_weekly_item_comes_back_for_next_week_when_done(alliance):
    item = _item(alliance, owner=alliance["am_a"], recurrence="weekly")
    services.complete_action_item(actor=alliance["am_a"], item=item)
    services.complete_action_item(actor=alliance["am_a"], item=item)  # twice: still one next item
    following = ActionItem.objects.get(done_at__isnull=True)
    assert following.due_on == item.due_on + timedelta(days=7)
    assert following.recurrence == "weekly"


def test_a_monthly_item_done_late_comes_back_in_the_future_not_the_past(alliance):
    item = _item(alliance, owner=alliance["am_a"], recurrence="monthly")
    ActionItem.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - timedelta(days=75))
    item.refresh_from_db()
    services.complete_action_item(actor=alliance["am_a"], item=item)
    assert ActionItem.objects.get(done_at__isnull=True).due_on >= timezone.localdate()


def test_an_admin_reassigns_everything_someone_leaves_behind(alliance, client_for):
    leaving = alliance["am_a"]
    successor = UserFactory(role="account_manager", username="successor")
    services.share_account(actor=leaving, account=alliance["adv_a"], colleague=successor)
    on_shared = _item(alliance, owner=leaving)
    elsewhere = services.add_action_item(actor=leaving, account=alliance["publisher"], title="Rates",
                                         owner=leaving, due_on=timezone.localdate())
    response = client_for(alliance["admin"]).post(
        reverse("accounts:action_items_reassign"), {"from_user": leaving.pk, "to_user": successor.pk},
        follow=True)
    page = response.content.decode()
    on_shared.refresh_from_db()
    elsewhere.refresh_from_db()
    assert on_shared.owner == successor
    assert elsewhere.owner == leaving  # the successor does not work on that publisher
    assert "1 open action item now belongs to" in page and "Rates" in page


def test_only_admins_may_reassign(alliance, client_for):
    assert client_for(alliance["am_a"]).get(reverse("accounts:action_items_reassign")).status_code == 403


def test_add_another_row_extends_the_meeting_form(alliance, client_for):
    client = client_for(alliance["am_a"])
    url = reverse("accounts:action_item_row", args=[alliance["adv_a"].pk])
    row = client.get(url, {"index": 3}, headers={"HX-Request": "true"}).content.decode()
    assert 'name="items-3-title"' in row and 'value="4"' in row and "index=4" in row
    assert client.get(url, {"index": "³"}).status_code == 400
    assert client.get(url, {"index": 999}).status_code == 400


def test_a_meeting_with_five_items_keeps_all_five(alliance, client_for):
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"kind": "ad_hoc", "status": "held",
            "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "items-TOTAL_FORMS": "5", "items-INITIAL_FORMS": "0"}
    for index in range(5):
        data |= {f"items-{index}-title": f"Item {index}", f"items-{index}-owner": alliance["am_a"].pk,
                 f"items-{index}-due_on": due}
    response = client_for(alliance["am_a"]).post(
        reverse("accounts:meeting_create", args=[alliance["adv_a"].pk]), data)
    assert response.status_code == 302
    assert ActionItem.objects.filter(account=alliance["adv_a"]).count() == 5
