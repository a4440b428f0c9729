"""One visibility rule, asked everywhere: the account timeline, publisher figures, report lists,
notifications and feeds show only what the reader may see *now* (socialcrm/visibility.py)."""

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from campaigns import services as campaign_services
from notifications.selectors import notifications_for, unread_count
from reports.models import ReportSchedule
from reports.tasks import rebuild_rollups
from socialcrm import visibility
from tests.accounts.factories import ContactFactory, PartnershipFactory
from tests.crisis.factories import record_daily_facts
from tests.factories import AccountFactory, CampaignFactory, UserFactory
from tests.feedback.factories import FeedbackFactory


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# The account timeline ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_project_lead_sees_only_their_own_campaigns_on_a_shared_advertisers_timeline(alliance, client):
    adv_a = alliance["adv_a"]
    theirs = CampaignFactory(advertiser=adv_a, project_lead=alliance["lead_b"], name="Lead B launch")
    account_page = reverse("accounts:account_detail", args=[adv_a.pk])

    seen_by_a = page(client, alliance["lead_a"], account_page + "?kind=campaign")
    seen_by_b = page(client, alliance["lead_b"], account_page + "?kind=campaign")

    assert alliance["campaign_a"].name in seen_by_a and theirs.name not in seen_by_a
    assert theirs.name in seen_by_b and alliance["campaign_a"].name not in seen_by_b


@pytest.mark.django_db
def test_an_account_manager_does_not_see_anothers_campaign_on_their_publishers_timeline(alliance, client):
    alliance["campaign_b"].publishers.add(alliance["publisher"])  # am_a's KOL carries am_b's campaign

    seen = page(client, alliance["am_a"], reverse("accounts:account_detail", args=[alliance["publisher"].pk]))

    assert alliance["campaign_a"].name in seen
    assert alliance["campaign_b"].name not in seen


@pytest.mark.django_db
def test_the_analyst_does_not_see_a_confidential_advertisers_campaign_on_a_publishers_timeline(alliance, client):
    secret_launch = CampaignFactory(advertiser=alliance["secret"], name="Secret launch")
    secret_launch.publishers.add(alliance["publisher"])

    seen = page(client, alliance["analyst"], reverse("accounts:account_detail", args=[alliance["publisher"].pk]))

    assert "Secret launch" not in seen
    assert "Secret launch" in page(client, alliance["executive"],
                                   reverse("accounts:account_detail", args=[alliance["publisher"].pk]))


# Confidential publishers ------------------------------------------------------------------------


@pytest.fixture
def hidden_publisher(alliance):
    """Manager B's confidential publisher carries campaign A, with spend."""
    publisher = AccountFactory(side="publisher", kind="media", account_manager=alliance["am_b"],
                               is_confidential=True, name="Hush Media")
    alliance["campaign_a"].publishers.add(publisher)
    record_daily_facts(alliance["campaign_a"], 3, publisher=publisher, spend="777")
    rebuild_rollups()
    return publisher


@pytest.mark.django_db
def test_the_analyst_sees_no_confidential_publisher_in_the_dashboard_or_on_the_campaign(
        alliance, hidden_publisher, client):
    dashboard = page(client, alliance["analyst"], reverse("reports:dashboard"))
    campaign = page(client, alliance["analyst"], reverse("campaigns:campaign_detail",
                                                         args=[alliance["campaign_a"].pk]))
    export = page(client, alliance["analyst"], reverse("reports:dashboard_export",
                                                       kwargs={"table": "by_publisher", "fmt": "csv"}))

    for seen in (dashboard, campaign, export):
        assert "Hush Media" not in seen
    assert "Hush Media" in page(client, alliance["executive"], reverse("reports:dashboard"))


@pytest.mark.django_db
def test_an_advertisers_page_does_not_name_a_confidential_partner_the_reader_may_not_see(
        alliance, hidden_publisher, client):
    PartnershipFactory(advertiser=alliance["adv_a"], publisher=hidden_publisher)
    account_page = reverse("accounts:account_detail", args=[alliance["adv_a"].pk])
    assert "Hush Media" not in page(client, alliance["analyst"], account_page)
    assert "Hush Media" not in page(client, alliance["am_a"], account_page)
    assert "Hush Media" in page(client, alliance["executive"], account_page)


@pytest.mark.django_db
def test_the_advertisers_totals_still_count_a_hidden_publishers_spend(alliance, hidden_publisher):
    """Left out of the by-publisher breakdown, not out of the advertiser's money."""
    from reports.dashboard import dashboard
    from reports.forms import DashboardFilterForm

    filters = DashboardFilterForm(user=alliance["analyst"]).filters()
    seen_by_analyst = dashboard(alliance["analyst"], filters)
    seen_by_executive = dashboard(alliance["executive"], filters)

    assert seen_by_analyst["headline"][0]["value"] == seen_by_executive["headline"][0]["value"] > 0
    assert len(seen_by_analyst["by_publisher"]) == len(seen_by_executive["by_publisher"]) - 1


@pytest.mark.django_db
def test_a_lead_editing_a_campaign_keeps_the_confidential_publisher_they_cannot_see(alliance, hidden_publisher):
    campaign = alliance["campaign_a"]
    campaign_services.update_campaign(actor=alliance["lead_a"], campaign=campaign, fields={"goals": "More"},
                                      publishers=[alliance["publisher"]])
    assert set(campaign.publishers.all()) == {alliance["publisher"], hidden_publisher}


# Losing access ----------------------------------------------------------------------------------


@pytest.fixture
def shared(alliance):
    """Manager B shares an account with manager A and gives them an action item on it."""
    account = AccountFactory(account_manager=alliance["am_b"], name="Lent Brand")
    account_services.share_account(actor=alliance["am_b"], account=account, colleague=alliance["am_a"])
    account_services.add_action_item(actor=alliance["am_b"], account=account, title="Call the Lent CMO",
                                     owner=alliance["am_a"], due_on=timezone.localdate())
    ReportSchedule.objects.create(recipient=alliance["am_a"], created_by=alliance["am_a"], account=account,
                                  kind=ReportSchedule.Kind.ACCOUNT_MONTHLY)
    return account


@pytest.mark.django_db
def test_unsharing_hides_the_notifications_about_the_account(alliance, shared):
    am_a = alliance["am_a"]
    assert unread_count(am_a) == 2
    account_services.unshare_account(actor=alliance["am_b"], account=shared, colleague=am_a)
    assert unread_count(am_a) == 0
    assert not [n for n in notifications_for(am_a) if "Lent" in n.message]


@pytest.mark.django_db
def test_the_reminder_job_no_longer_writes_about_an_unshared_account(alliance, shared):
    account_services.unshare_account(actor=alliance["am_b"], account=shared, colleague=alliance["am_a"])
    assert account_services.remind_due_action_items(timezone.localdate()) == 0


@pytest.mark.django_db
def test_the_report_list_no_longer_names_an_unshared_account(alliance, shared, client):
    report_list = reverse("reports:report_list")
    assert "Lent Brand" in page(client, alliance["am_a"], report_list)
    account_services.unshare_account(actor=alliance["am_b"], account=shared, colleague=alliance["am_a"])
    assert "Lent Brand" not in page(client, alliance["am_a"], report_list)


@pytest.mark.django_db
def test_the_calendar_feed_drops_an_unshared_accounts_action_item(alliance, shared, client):
    feed = campaign_services.calendar_feed_of(alliance["am_a"])
    url = reverse("campaigns:calendar_feed", args=[feed.token])
    assert "Call the Lent CMO" in client.get(url).content.decode()
    account_services.unshare_account(actor=alliance["am_b"], account=shared, colleague=alliance["am_a"])
    assert "Call the Lent CMO" not in client.get(url).content.decode()


# One room: a new role is one entry --------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_role_needs_only_its_two_scopes(alliance, monkeypatch):
    """A partner user belonging to one organisation: give the role an account scope and a campaign
    scope, and every derived reading (contacts, feedback, milestones...) follows."""
    partner = UserFactory(role="analyst", username="partner")
    partner.role = "partner"  # a role the product does not have yet
    organisation = alliance["adv_a"]
    monkeypatch.setitem(visibility.ACCOUNT_SCOPES, "partner", lambda user: Q(pk=organisation.pk))
    monkeypatch.setitem(visibility.CAMPAIGN_SCOPES, "partner", lambda user: Q(advertiser=organisation))
    ours = ContactFactory(account=organisation)
    ContactFactory(account=alliance["adv_b"])
    our_feedback = FeedbackFactory(account=organisation)
    FeedbackFactory(account=alliance["adv_b"])

    assert list(visibility.accounts_visible_to(partner)) == [organisation]
    assert list(visibility.contacts_visible_to(partner)) == [ours]
    assert list(visibility.campaigns_visible_to(partner)) == [alliance["campaign_a"]]
    assert list(visibility.feedback_visible_to(partner)) == [our_feedback]
    assert visibility.may_see(partner, organisation) and not visibility.may_see(partner, alliance["adv_b"])


@pytest.mark.django_db
def test_a_role_without_a_scope_sees_nothing(alliance):
    stranger = UserFactory(role="analyst", username="stranger")
    stranger.role = "unknown"
    assert not visibility.accounts_visible_to(stranger).exists()
    assert not visibility.campaigns_visible_to(stranger).exists()
    assert not visibility.publishers_visible_to(stranger).exists()


def test_nothing_but_the_visibility_module_defines_who_sees_what():
    """No `*_visible_to` or `can_*`/`ensure_*` predicate is defined outside socialcrm/visibility.py."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    apps = ("accounts", "api", "audit", "campaigns", "crisis", "feedback", "governance", "imports",
            "notifications", "reports", "socialcrm", "training")
    defined = []
    for app in apps:
        for path in (root / app).rglob("*.py"):
            if path.name == "visibility.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef) and (
                        node.name.endswith("_visible_to") or node.name.startswith(("can_", "ensure_can"))):
                    defined.append(f"{path.relative_to(root)}:{node.name}")
    assert not defined, defined


@pytest.mark.django_db
def test_an_email_queued_before_unsharing_is_not_sent_after_it(alliance, django_capture_on_commit_callbacks,
                                                                mailoutbox):
    account = AccountFactory(account_manager=alliance["am_b"], name="Lent Brand")
    with django_capture_on_commit_callbacks() as queued:
        account_services.share_account(actor=alliance["am_b"], account=account, colleague=alliance["am_a"])
    account_services.unshare_account(actor=alliance["am_b"], account=account, colleague=alliance["am_a"])
    for send in queued:
        send()
    assert not [m for m in mailoutbox if "Lent" in m.subject + m.body]


@pytest.mark.django_db
def test_nobody_is_notified_about_what_they_may_not_see(alliance):
    from notifications.services import notify

    told = notify(recipient=alliance["analyst"], kind="test", message="Secret Brand news",
                  dedupe_key="test", about=alliance["secret"])
    assert told is None
    assert notify(recipient=alliance["executive"], kind="test", message="Secret Brand news",
                  dedupe_key="test", about=alliance["secret"]) is not None


def test_notifications_sent_before_this_release_are_tied_to_what_they_are_about():
    from importlib import import_module

    migration = import_module("notifications.migrations.0003_notification_subject_from_dedupe_key")
    assert migration.subject_of("action-item-due:42:2026-12-01") == ("accounts.actionitem", 42)
    assert migration.subject_of("incident-action:7:3:2026-12-01") == ("crisis.incidentaction", 7)
    assert migration.subject_of("milestone-due-soon:9:2026-12-03") == ("campaigns.milestone", 9)
    assert migration.subject_of("milestone-sent-back:5") is None  # a review, not a milestone: left as is
    assert migration.subject_of("something-else:1") is None


@pytest.mark.django_db
def test_a_confidential_accounts_action_items_are_not_offered_to_leads_who_may_not_see_it(alliance):
    secret_launch = CampaignFactory(advertiser=alliance["secret"], project_lead=alliance["lead_b"])
    assert secret_launch.project_lead not in visibility.possible_action_item_owners(alliance["secret"])
    assert alliance["lead_a"] in visibility.possible_action_item_owners(alliance["adv_a"])
