"""No side doors: marker strings planted in every text field of what a role may not see never
appear in anything shown to that role: any page or htmx partial of the URL matrix (for its own,
a confidential, a foreign and a peer's object), any export, the calendar feed, any email, any
notification, any API response. Then again after access is removed (tests/security/markers.py
says which marker each role must never read)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Meeting
from api.services import create_token
from campaigns.models import CalendarFeed
from campaigns.reminders import send_milestone_reminders
from crisis.models import TimelineEntry
from crisis.services import escalate_overdue_actions
from reports.models import ReportSchedule
from reports.schedules import send_due_reports
from reports.tasks import rebuild_rollups
from socialcrm.visibility import notifications_visible_to
from tests.accounts.factories import ActionItemFactory, MeetingFactory, PartnershipFactory
from tests.campaigns.factories import MilestoneFactory
from tests.crisis.factories import WarningRuleFactory, record_daily_facts
from tests.factories import AccountFactory, CampaignFactory
from tests.feedback.factories import FeedbackFactory
from tests.security.conftest import ROLE_USER, _incident, _side, _signal
from tests.security.markers import (
    CONFIDENTIAL,
    FORBIDDEN,
    FOREIGN,
    PEER,
    email_text,
    leaked,
    plant,
    readable,
)
from tests.security.matrix import MATRIX, NOT_ALLOWED

VIEWERS = tuple(FORBIDDEN)  # the roles that may not see some of the marked objects
HTMX = {"HTTP_HX_REQUEST": "true"}
SIDES = ("own", "other", "foreign", "peer")
TOMORROW = timedelta(days=1)


def _peer(world):
    """Lead B's campaign on advertiser A, which lead A also serves: lead A sees the advertiser but
    not this campaign, nor the feedback, meeting, signal, incident and steps about it."""
    adv_a, lead_a = world["adv_a"], world["lead_a"]
    campaign = CampaignFactory(advertiser=adv_a, project_lead=world["lead_b"], account_manager=world["am_a"])
    incident, action = _incident(world["am_a"], adv_a, campaign, "peer")
    return {
        "account": adv_a, "campaign": campaign,
        # A step of lead B's campaign handed to lead A: its reminder must not name the campaign.
        "milestone": MilestoneFactory(campaign=campaign, owner=lead_a, due_on=timezone.localdate() + TOMORROW),
        "feedback": FeedbackFactory(account=adv_a, campaign=campaign, owner=world["am_a"]),
        "meeting": MeetingFactory(account=adv_a, campaign=campaign),
        "signal": _signal(WarningRuleFactory(), adv_a, campaign, "peer signal"),
        "incident": incident, "incident_action": action,
    }


def _confidential_publisher(world):
    """Manager B's confidential publisher carries campaign A, which every viewer may see."""
    publisher = AccountFactory(side="publisher", kind="media", account_manager=world["am_b"],
                               is_confidential=True)
    world["campaign_a"].publishers.add(publisher)
    PartnershipFactory(advertiser=world["adv_a"], publisher=publisher)
    return publisher


def _hidden_assignments(world, marked):
    """Work handed to the viewers on things they may not see, so reminder jobs have a reason to
    write to them: an action item and an incident action on the confidential account."""
    other = marked["other"]
    for role in VIEWERS:
        user = world[ROLE_USER[role]]
        ActionItemFactory(account=other["account"], owner=user, due_on=timezone.localdate())
        other["incident"].actions.create(title="overdue", owner=user,
                                         due_on=timezone.localdate() - timedelta(days=5))


# Objects the security world keeps per side but that belong to no account: plan templates and
# working-calendar days are shared by the whole alliance by design.
ALLIANCE_WIDE = {"template", "override"}


@pytest.fixture
def marked(world, settings):
    settings.SITE_URL = "http://testserver"
    foreign = _side(world["am_b"], world["adv_b"], world["campaign_b"], "Foreign")
    # Any publisher that is not confidential may be named in an import, so the foreign side's own
    # publisher carries no marker (tests/security/test_leaks.py covers the confidential ones).
    foreign_publisher = foreign.pop("publisher")
    peer = _peer(world)
    publisher = _confidential_publisher(world)
    world["other"]["campaign_publisher"] = publisher
    for side in (world["own"], world["other"], foreign):
        record_daily_facts(side["campaign"], 3, publisher=side.get("publisher", foreign_publisher))
    record_daily_facts(world["campaign_a"], 3, publisher=publisher)
    record_daily_facts(peer["campaign"], 3, publisher=world["own"]["publisher"])
    rebuild_rollups()
    marks = ((world["other"], CONFIDENTIAL), (foreign, FOREIGN), (peer, PEER))
    for side, marker in marks:
        for key, obj in side.items():
            if key in ALLIANCE_WIDE:
                continue
            if key != "account" or marker != PEER:  # the peer's advertiser is lead A's too
                plant(obj, marker)
        incident = side["incident"]
        for entry in TimelineEntry.objects.filter(incident=incident):
            plant(entry, marker)
    marked = {**world, "foreign": foreign, "peer": peer}
    _hidden_assignments(world, marked)
    return marked


def _urls(name, entry, world):
    """Every URL of one matrix entry: each side's object, and lists searched for a marker."""
    if not entry.scoped:
        base = reverse(name, kwargs=entry.kwargs(world["own"], world))
        # Searched for the markers' common prefix (the whole marker would be echoed in the box):
        # a list that honours the search shows only marked rows, a page that ignores it is as is.
        return [f"{base}?q=zqx&status=all"]
    urls = []
    for side in SIDES:
        try:
            urls.append(reverse(name, kwargs=entry.kwargs(world[side], world)))
        except KeyError:
            continue  # this side has no object of that kind
    return urls


def _extra_pages(world):
    """Pages outside the matrix' plain GETs: filters naming hidden objects, each timeline filter."""
    publisher, secret = world["other"]["campaign_publisher"], world["secret"]
    dashboard = reverse("reports:dashboard")
    detail = reverse("accounts:account_detail", args=[world["adv_a"].pk])
    return [f"{dashboard}?publisher={publisher.pk}", f"{dashboard}?advertiser={secret.pk}",
            *(f"{detail}?kind={kind}" for kind in ("campaign", "milestone", "feedback", "incident",
                                                   "meeting", "action_item"))]


def _downloads(world):
    """Every export, as a whole and filtered by a hidden publisher."""
    publisher = world["other"]["campaign_publisher"]
    urls = []
    for table in ("trend", "by_platform", "by_advertiser", "by_publisher", "campaigns"):
        for fmt in ("csv", "xlsx"):
            urls.append(reverse("reports:dashboard_export", kwargs={"table": table, "fmt": fmt}))
            urls.append(reverse("reports:dashboard_export", kwargs={"table": table, "fmt": fmt})
                        + f"?publisher={publisher.pk}")
    for side in ("advertiser", "publisher"):
        for query in ("", "?format=xlsx"):
            urls.append(reverse("accounts:account_export", kwargs={"side": side}) + query)
            urls.append(reverse("accounts:contact_export", kwargs={"side": side}) + query)
    urls.append(reverse("feedback:inbox_export") + "?status=all")
    for fmt in ("csv", "xlsx"):
        for account in (world["adv_a"], world["publisher"]):
            urls.append(reverse("reports:account_report_export", kwargs={"pk": account.pk, "fmt": fmt}))
        urls.append(reverse("reports:executive_report_export", kwargs={"fmt": fmt}))
    return urls


def _feed_url(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return reverse("campaigns:calendar_feed", args=[feed.token])


def _leaks_in_pages(client, world, user, role):
    client.force_login(user)
    found = []
    pages = [url for name, entry in MATRIX.items() if entry.get != NOT_ALLOWED
             for url in _urls(name, entry, world)]
    downloads = [*_downloads(world), _feed_url(user)]  # files: HX-Request changes nothing
    for url in [*pages, *_extra_pages(world), *downloads]:
        for headers in ({},) if url in downloads else ({}, HTMX):
            response = client.get(url, **headers)
            markers = leaked(readable(response), role) if response.status_code < 500 else ["500"]
            if markers:
                found.append(f"{url} {'htmx' if headers else 'plain'}: {markers}")
    return found


@pytest.mark.django_db
def test_no_page_partial_export_or_feed_carries_a_marker(marked, client, uninstrumented_templates):
    found = []
    for role in VIEWERS:  # one world for every role: building it costs more than the requests
        found += [f"{role:15} {leak}" for leak in _leaks_in_pages(client, marked, marked[ROLE_USER[role]], role)]
    assert not found, "markers read by someone who may not see them:\n" + "\n".join(found)


def _api_paths(world):
    campaigns = [world[side]["campaign"].pk for side in ("own", "other", "foreign", "peer")]
    publisher = world["other"]["campaign_publisher"].pk
    paths = [reverse("api:campaign_list"), reverse("api:campaign_list") + "?page_size=200"]
    for pk in campaigns:
        paths += [reverse("api:campaign_detail", args=[pk]), reverse("api:campaign_kpis", args=[pk])]
    rollups = reverse("api:rollups")
    for dimension in ("advertiser", "campaign", "publisher", "platform"):
        paths.append(f"{rollups}?dimension={dimension}")
    paths += [f"{rollups}?dimension=publisher&key={publisher}",
              f"{rollups}?dimension=advertiser&key={world['secret'].pk}",
              *(f"{rollups}?dimension=campaign&key={pk}" for pk in campaigns)]
    paths += [reverse("api:post_list") + "?page_size=200", reverse("api:mention_list") + "?page_size=200",
              *(reverse("api:experiment_verdict", args=[world[side]["experiment"].pk])
                for side in ("own", "other", "foreign"))]
    return paths


@pytest.mark.django_db
def test_no_api_response_carries_a_marker(marked, client):
    found = []
    for role in VIEWERS:
        _token, secret = create_token(user=marked[ROLE_USER[role]], name="markers")
        for path in _api_paths(marked):
            response = client.get(path, headers={"Authorization": f"Bearer {secret}"})
            if markers := leaked(readable(response), role):
                found.append(f"{role:15} {path}: {markers}")
    assert not found, "markers read through the API:\n" + "\n".join(found)


def _run_every_sending_job(marked, capture):
    today = timezone.localdate()
    for role in VIEWERS:  # a report to each viewer about an account they see, and one they don't
        user = marked[ROLE_USER[role]]
        for account in (marked["adv_a"], marked["secret"], marked["adv_b"]):
            ReportSchedule.objects.create(recipient=user, created_by=user, account=account,
                                          kind=ReportSchedule.Kind.ACCOUNT_MONTHLY, format="xlsx")
        ReportSchedule.objects.create(recipient=user, created_by=user,
                                      kind=ReportSchedule.Kind.EXECUTIVE_MONTHLY, format="csv")
    with capture(execute=True):
        send_milestone_reminders(today)
        account_services.remind_due_action_items(today)
        account_services.flag_overdue_cadences(today)
        escalate_overdue_actions(today=today)
        send_due_reports(today)


def _leaks_in_mail(marked):
    emails = {marked[ROLE_USER[role]].email: role for role in VIEWERS}
    found = []
    for message in mail.outbox:
        for address in message.to:
            if address in emails and leaked(email_text(message), emails[address]):
                found.append(f"to {emails[address]}: {message.subject}")
    return found


def _leaks_in_notifications(marked):
    found = []
    for role in VIEWERS:
        for notification in notifications_visible_to(marked[ROLE_USER[role]]):
            if leaked(notification.message, role):
                found.append(f"{role}: {notification.message}")
    return found


@pytest.mark.django_db
def test_no_email_or_notification_carries_a_marker(marked, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    _run_every_sending_job(marked, django_capture_on_commit_callbacks)
    assert mail.outbox, "the jobs sent nothing at all: the check below would prove nothing"
    assert not _leaks_in_mail(marked) + _leaks_in_notifications(marked)


# Losing access ------------------------------------------------------------------------------------

GONE = "zqxgone"


@pytest.fixture
def unshared(world, django_capture_on_commit_callbacks):
    """Manager B shares an account with manager A, who attends its meeting, owns an action item
    and schedules its report; then B takes the account back."""
    am_a, am_b = world["am_a"], world["am_b"]
    account = AccountFactory(account_manager=am_b, name=f"{GONE} Brand")
    with django_capture_on_commit_callbacks(execute=True):
        account_services.share_account(actor=am_b, account=account, colleague=am_a)
        meeting = MeetingFactory(account=account, agenda=f"{GONE} agenda", kind=Meeting.Kind.MONTHLY_REVIEW,
                                 held_at=timezone.now() + TOMORROW)
        meeting.staff_attendees.add(am_a)
        account_services.add_action_item(actor=am_b, account=account, title=f"{GONE} follow-up",
                                            owner=am_a, due_on=timezone.localdate() + TOMORROW)
    ReportSchedule.objects.create(recipient=am_a, created_by=am_a, account=account,
                                  kind=ReportSchedule.Kind.ACCOUNT_MONTHLY)
    return {**world, "gone": account}


def _gone_leaks(client, world):
    """Where manager A still reads the marker of the account they no longer see."""
    client.force_login(world["am_a"])
    urls = [reverse("campaigns:calendar_feed", args=[CalendarFeed.objects.get_or_create(user=world["am_a"])[0].token]),
            reverse("home"), reverse("notifications:list"), reverse("reports:report_list"),
            reverse("accounts:advertiser_list"), reverse("feedback:inbox")]
    found = [url for url in urls if GONE in readable(client.get(url)).lower()]
    found += [f"notification: {n.message}" for n in notifications_visible_to(world["am_a"])
              if GONE in n.message.lower()]
    return found


@pytest.mark.django_db
def test_after_unsharing_nothing_names_the_account_any_more(unshared, client, django_capture_on_commit_callbacks):
    assert _gone_leaks(client, unshared), "before unsharing the feed and lists do show it (the test can fail)"
    account_services.unshare_account(actor=unshared["am_b"], account=unshared["gone"], colleague=unshared["am_a"])
    assert not _gone_leaks(client, unshared)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = account_services.remind_due_action_items(timezone.localdate())
        send_due_reports(timezone.localdate() + timedelta(days=40))
    assert reminded == 0
    assert not [m.subject for m in mail.outbox if GONE in email_text(m).lower()]
    assert not _gone_leaks(client, unshared)


@pytest.mark.django_db
def test_after_unsharing_no_page_of_the_matrix_names_the_account(unshared, client, uninstrumented_templates):
    account_services.unshare_account(actor=unshared["am_b"], account=unshared["gone"], colleague=unshared["am_a"])
    client.force_login(unshared["am_a"])
    found = []
    for name, entry in MATRIX.items():
        if entry.get == NOT_ALLOWED:
            continue
        for url in _urls(name, entry, {**unshared, "foreign": {}, "peer": {}}):
            for headers in ({}, HTMX):
                if GONE in readable(client.get(url, **headers)).lower():
                    found.append(url)
    assert not found
