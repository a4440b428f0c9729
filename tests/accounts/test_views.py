"""What an account manager does every day, through the views."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, ActionItem, Cadence, Meeting
from audit.models import AuditEntry
from tests.accounts.factories import (
    ActionItemFactory,
    CadenceFactory,
    ContactFactory,
    MeetingFactory,
)
from tests.factories import AccountFactory, CampaignFactory, UserFactory


@pytest.fixture
def am_client(client, alliance):
    client.force_login(alliance["am_a"])
    return client


def _meeting_data(rows, **extra):
    data = {"kind": "monthly_review", "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": "Reviewed Q3 numbers.", "decisions": "Double the KOL budget.",
            "items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0", **extra}
    for index, (title, owner, due) in enumerate(rows):
        data |= {f"items-{index}-title": title, f"items-{index}-owner": owner,
                 f"items-{index}-due_on": due}
    return data


def test_account_manager_creates_edits_and_archives_an_account(am_client, alliance):
    response = am_client.post(reverse("accounts:account_create", args=["publisher"]), {
        "name": "Noodle TV", "kind": "kol", "industry": "Food", "platforms": ["douyin", "bilibili"],
        "tier": "key", "status": "prospect",
    })
    account = Account.objects.get(name="Noodle TV")
    assert response.url == account.get_absolute_url()
    assert account.side == "publisher" and account.platforms == ["douyin", "bilibili"]

    am_client.post(reverse("accounts:account_edit", args=[account.pk]), {
        "name": "Noodle TV", "kind": "kol", "industry": "Food & drink", "tier": "strategic",
        "status": "active",
    })
    account.refresh_from_db()
    assert account.tier == "strategic" and account.industry == "Food & drink"
    update = AuditEntry.objects.get(action="account.update", target_id=str(account.pk))
    assert update.changes["tier"] == ["key", "strategic"] and update.actor == alliance["am_a"]

    am_client.post(reverse("accounts:account_archive", args=[account.pk]), follow=True)
    account.refresh_from_db()
    assert account.archived_at is not None
    assert "Noodle TV" not in am_client.get(reverse("accounts:publisher_list")).content.decode()
    archived = am_client.get(reverse("accounts:publisher_list") + "?archived=1").content.decode()
    assert "Noodle TV" in archived
    page = am_client.get(account.get_absolute_url()).content.decode()
    assert "Account archived" in page and "Tier: Key → Strategic" in page  # audit on the page, in words


def test_account_form_rejects_a_type_of_the_other_side_and_a_duplicate_name(am_client, alliance):
    url = reverse("accounts:account_create", args=["advertiser"])
    response = am_client.post(url, {"name": "X", "kind": "kol", "tier": "key", "status": "active"})
    assert response.status_code == 200 and not Account.objects.filter(name="X").exists()
    response = am_client.post(url, {"name": "advertiser a", "kind": "brand", "tier": "key",
                                    "status": "active"})
    assert "already exists" in response.content.decode()


def test_a_meeting_with_action_items_is_logged_from_the_account_page(am_client, alliance):
    account = alliance["adv_a"]
    page = am_client.get(account.get_absolute_url()).content.decode()
    assert 'name="items-0-title"' in page and "Log a meeting" in page
    am = alliance["am_a"]
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = am_client.post(
        reverse("accounts:meeting_create", args=[account.pk]),
        _meeting_data([("Send the deck", am.pk, due), ("Book the QBR", am.pk, due), ("", am.pk, "")]),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(account=account)
    assert meeting.logged_by == am
    assert sorted(meeting.action_items.values_list("title", flat=True)) == ["Book the QBR", "Send the deck"]
    home = am_client.get(reverse("home")).content.decode()
    assert "My action items" in home and "Send the deck" in home and "Book the QBR" in home


def test_an_action_item_row_without_owner_or_due_date_is_reported(am_client, alliance):
    account = alliance["adv_a"]
    response = am_client.post(reverse("accounts:meeting_create", args=[account.pk]),
                              _meeting_data([("Orphan task", "", "")]))
    assert response.status_code == 200
    assert "Who will do it?" in response.content.decode()
    assert not Meeting.objects.exists()


def test_action_item_owner_must_be_able_to_work_on_the_account(am_client, alliance):
    account = alliance["adv_a"]
    outsider = alliance["am_b"]
    due = timezone.localdate().isoformat()
    response = am_client.post(reverse("accounts:meeting_create", args=[account.pk]),
                              _meeting_data([("Spy on it", outsider.pk, due)]))
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_completing_an_action_item_from_the_home_page_with_htmx(am_client, alliance):
    item = ActionItemFactory(account=alliance["adv_a"], title="Call the brand")
    response = am_client.post(reverse("accounts:action_item_done", args=[item.pk]),
                              headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.content.decode()
    assert f'id="action-item-{item.pk}"' in fragment and "<html" not in fragment
    item.refresh_from_db()
    assert item.done_at is not None
    assert "Call the brand" not in am_client.get(reverse("home")).content.decode()


def test_meeting_edit_and_archive_keep_the_notes(am_client, alliance):
    meeting = MeetingFactory(account=alliance["adv_a"], minutes="Original minutes")
    response = am_client.post(reverse("accounts:meeting_edit", args=[meeting.pk]),
                              _meeting_data([], minutes="Corrected minutes", kind="escalation"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Corrected minutes" and meeting.kind == "escalation"
    am_client.post(reverse("accounts:meeting_archive", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.archived_at is not None and meeting.minutes == "Corrected minutes"
    assert am_client.get(meeting.get_absolute_url()).status_code == 200


def test_action_item_is_archived_not_deleted(am_client, alliance):
    item = ActionItemFactory(account=alliance["adv_a"], title="Drop this")
    am_client.post(reverse("accounts:action_item_archive", args=[item.pk]))
    item.refresh_from_db()
    assert item.archived_at is not None
    page = am_client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert "Drop this" not in _section(page, "action-items")
    assert "Action item archived" in page


def test_contacts_partnerships_and_cadence_from_the_account_page(am_client, alliance):
    account = alliance["adv_a"]
    am_client.post(reverse("accounts:contact_create", args=[account.pk]),
                   {"name": "Lily Chen", "title": "CMO", "wechat": "lily_c", "is_primary": "on"})
    contact = account.contacts.get(name="Lily Chen")
    am_client.post(reverse("accounts:contact_archive", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.archived_at is not None

    am_client.post(reverse("accounts:partnership_create", args=[account.pk]),
                   {"partner": alliance["publisher"].pk, "started_on": "2026-01-01"})
    assert account.publisher_partnerships.filter(publisher=alliance["publisher"]).exists()
    page = am_client.get(alliance["publisher"].get_absolute_url()).content.decode()
    assert "Advertiser A" in page  # seen from the publisher's side too

    due = (timezone.localdate() - timedelta(days=1)).isoformat()
    am_client.post(reverse("accounts:cadence_create", args=[account.pk]),
                   {"meeting_kind": "monthly_review", "interval": "monthly", "next_due_on": due})
    cadence = Cadence.objects.get(account=account)
    assert cadence.is_overdue
    assert "Overdue" in am_client.get(account.get_absolute_url()).content.decode()


def test_timeline_filters_by_kind_and_pages_with_htmx(am_client, alliance):
    account = alliance["adv_a"]
    for days in range(25):
        MeetingFactory(account=account, held_at=timezone.now() - timedelta(days=days + 1))
    ActionItemFactory(account=account, title="Timeline item")
    url = account.get_absolute_url()
    page = am_client.get(url).content.decode()
    assert "Timeline item" in page and alliance["campaign_a"].name in page

    only_meetings = am_client.get(url + "?kind=meeting", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in only_meetings and 'id="timeline"' in only_meetings
    assert only_meetings.count('data-kind="meeting"') == 20
    assert 'data-kind="action_item"' not in only_meetings
    older = only_meetings.split('hx-get="')[-1].split('"')[0].replace("&amp;", "&")
    second = am_client.get(older, headers={"HX-Request": "true"}).content.decode()
    assert second.count('data-kind="meeting"') == 5


def test_list_searches_filters_and_sorts(am_client, alliance):
    am = alliance["am_a"]
    AccountFactory(account_manager=am, name="Zeta Foods", industry="Food", tier="strategic")
    AccountFactory(account_manager=am, name="Alpha Beauty", industry="Beauty", tier="standard",
                   status="paused")
    url = reverse("accounts:advertiser_list")
    found = am_client.get(url + "?q=food").content.decode()
    assert "Zeta Foods" in found and "Alpha Beauty" not in found
    paused = am_client.get(url + "?status=paused").content.decode()
    assert "Alpha Beauty" in paused and "Zeta Foods" not in paused
    by_tier = am_client.get(url + "?sort=tier").content.decode()
    assert by_tier.index("Zeta Foods") < by_tier.index("Alpha Beauty")
    by_name = am_client.get(url + "?sort=-name").content.decode()
    assert by_name.index("Zeta Foods") < by_name.index("Alpha Beauty")


def _section(page, section_id):
    return page.split(f'id="{section_id}"')[1].split("</section>")[0]


def _list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["am_a", "executive", "lead_a"])
def test_list_and_account_page_queries_do_not_grow_with_rows(client, alliance, role):
    user = alliance[role]
    client.force_login(user)
    url = reverse("accounts:advertiser_list")
    account = alliance["adv_a"]

    def add_rows(count):
        for _ in range(count):
            added = AccountFactory(account_manager=alliance["am_a"])
            added.shared_with.add(alliance["am_b"])
            CampaignFactory(advertiser=added, project_lead=alliance["lead_a"])
            ContactFactory(account=account)
            MeetingFactory(account=account)
            ActionItemFactory(account=account)

    add_rows(3)
    few = (_list_queries(client, url), _list_queries(client, account.get_absolute_url()))
    add_rows(20)
    many = (_list_queries(client, url), _list_queries(client, account.get_absolute_url()))
    assert many == few


def test_home_action_items_query_count_is_flat(client, alliance):
    client.force_login(alliance["am_a"])
    ActionItemFactory(account=alliance["adv_a"])
    few = _list_queries(client, reverse("home"))
    for _ in range(10):
        ActionItemFactory(account=alliance["adv_a"], meeting=MeetingFactory(account=alliance["adv_a"]))
    assert _list_queries(client, reverse("home")) == few


def test_project_lead_does_not_see_confidential_accounts_of_their_campaigns(client, alliance):
    lead = UserFactory(role="project_lead", username="lead_c")
    CampaignFactory(advertiser=alliance["secret"], project_lead=lead)
    client.force_login(lead)
    assert client.get(alliance["secret"].get_absolute_url()).status_code == 404


def test_completed_items_leave_the_home_page_but_stay_on_the_account(am_client, alliance):
    item = ActionItemFactory(account=alliance["adv_a"], title="Send invoice")
    response = am_client.post(reverse("accounts:action_item_done", args=[item.pk]), {"next": "/"},
                              follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Send invoice" not in am_client.get(reverse("home")).content.decode()
    assert "Send invoice" in am_client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert ActionItem.objects.filter(pk=item.pk, done_at__isnull=False).exists()


def test_account_history_includes_changes_to_its_meetings_and_contacts(am_client, alliance):
    account = alliance["adv_a"]
    am_client.post(reverse("accounts:contact_create", args=[account.pk]), {"name": "Audit Me"})
    am_client.post(reverse("accounts:meeting_create", args=[account.pk]), _meeting_data([]))
    page = am_client.get(account.get_absolute_url()).content.decode()
    assert "Contact created" in page and "Meeting created" in page


def test_cadence_is_unique_per_kind_and_setting_it_again_updates_it(am_client, alliance):
    account = alliance["adv_a"]
    CadenceFactory(account=account)
    am_client.post(reverse("accounts:cadence_create", args=[account.pk]),
                   {"meeting_kind": "monthly_review", "interval": "weekly",
                    "next_due_on": timezone.localdate().isoformat()})
    assert Cadence.objects.get(account=account).interval == "weekly"
