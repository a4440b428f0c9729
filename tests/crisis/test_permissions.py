"""Who may see and run which incident: table-driven over every crisis URL and every role."""

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis import services
from crisis.models import Incident, Signal, TimelineEntry
from socialcrm.visibility import incidents_visible_to, staff_who_see_all
from tests.crisis.factories import WarningRuleFactory, kpi_target, record_daily_facts

INCIDENT_URLS = [  # (url name, methods)
    ("crisis:incident_detail", ["get"]),
    ("crisis:incident_edit", ["get", "post"]),
    ("crisis:incident_transition", ["post"]),
    ("crisis:action_add", ["post"]),
    ("crisis:responsibility_add", ["post"]),
    ("crisis:statement_add", ["post"]),
    ("crisis:postmortem_edit", ["get", "post"]),
    ("crisis:preventive_add", ["post"]),
    ("crisis:incident_archive", ["post"]),
]
ACTION_URLS = [("crisis:action_edit", ["get", "post"]), ("crisis:action_done", ["post"])]
WRITE_POST = {"to_status": "assessing", "title": "x", "owner": "", "due_on": "2030-01-01", "note": "",
              "person": "", "role": "I", "audience": "advertiser", "channel": "email", "body": "x",
              "sent_at": "2030-01-01T10:00", "what_happened": "x", "root_cause": "x",
              "what_we_changed": "x", "severity": "low", "scope": "account"}


@pytest.fixture
def others(alliance, open_incident):
    """Account manager B's incident, action and signal."""
    kpi_target(alliance["campaign_b"], "ctr")
    record_daily_facts(alliance["campaign_b"], 7, clicks=10)
    WarningRuleFactory()
    services.evaluate_rules()
    signal = Signal.objects.get()
    incident = open_incident(user=alliance["am_b"], accounts=[alliance["adv_b"]],
                             campaigns=[alliance["campaign_b"]], signal=signal)
    action = services.add_action(user=alliance["am_b"], incident=incident, title="Fix it",
                                 owner=alliance["am_b"], due_on=timezone.localdate())
    return {"incident": incident, "action": action, "signal": signal}


def _calls(others):
    for name, methods in INCIDENT_URLS:
        for method in methods:
            yield method, reverse(name, args=[others["incident"].pk])
    for name, methods in ACTION_URLS:
        for method in methods:
            yield method, reverse(name, args=[others["action"].pk])
    yield "get", reverse("crisis:signal_detail", args=[others["signal"].pk])
    yield "get", reverse("crisis:incident_create") + f"?signal={others['signal'].pk}"


@pytest.mark.parametrize("role", ["am_a", "lead_a"])
@pytest.mark.parametrize("htmx", [False, True])
def test_someone_elses_incident_is_404_everywhere(client, alliance, others, role, htmx):
    client.force_login(alliance[role])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    before = TimelineEntry.objects.count()
    for method, url in _calls(others):
        response = getattr(client, method)(url, WRITE_POST if method == "post" else None, **headers)
        assert response.status_code == 404, (method, url)
        assert others["incident"].title.encode() not in response.content
    assert TimelineEntry.objects.count() == before


@pytest.mark.parametrize("role", ["executive", "analyst"])
def test_read_only_roles_read_but_every_write_is_403(client, alliance, others, role):
    client.force_login(alliance[role])
    before = TimelineEntry.objects.count()
    for method, url in _calls(others):
        response = getattr(client, method)(url, WRITE_POST if method == "post" else None)
        if method == "get" and "/edit/" not in url and "post-mortem" not in url and "/new/" not in url:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (method, url)
    assert client.post(reverse("crisis:incident_create"), WRITE_POST).status_code == 403
    assert TimelineEntry.objects.count() == before
    assert Incident.objects.get(pk=others["incident"].pk).status == "detected"


@pytest.mark.parametrize("role, sees", [
    ("admin", True), ("executive", True), ("analyst", True), ("am_b", True),
    ("am_a", False), ("lead_a", False), ("lead_b", True),
])
def test_dashboard_and_lists_show_only_what_the_role_may_see(client, alliance, others, role, sees):
    client.force_login(alliance[role])
    for url in (reverse("crisis:dashboard"), reverse("crisis:incident_list")):
        page = client.get(url)
        assert page.status_code == 200
        assert (others["incident"].title.encode() in page.content) is sees, url


def test_an_incident_spanning_accounts_is_visible_only_to_who_sees_them_all(alliance, open_incident):
    incident = open_incident(user=alliance["admin"], owner=alliance["admin"],
                             accounts=[alliance["adv_a"], alliance["secret"]], campaigns=[])
    for role, sees in [("admin", True), ("executive", True), ("analyst", False), ("am_a", False),
                       ("am_b", False), ("lead_a", False)]:
        assert incidents_visible_to(alliance[role]).filter(pk=incident.pk).exists() is sees, role


def test_assignable_staff_are_exactly_those_who_would_see_the_incident(alliance, open_incident):
    for accounts in ([alliance["adv_a"]], [alliance["adv_b"]], [alliance["secret"]],
                     [alliance["adv_a"], alliance["publisher"]]):
        incident = open_incident(user=alliance["admin"], owner=alliance["admin"], accounts=accounts,
                                 campaigns=[])
        staff = set(staff_who_see_all([a.pk for a in accounts], runners_only=False))
        for user in (alliance[key] for key in ("am_a", "am_b", "lead_a", "lead_b", "admin",
                                               "executive", "analyst")):
            assert (user in staff) is incidents_visible_to(user).filter(pk=incident.pk).exists(), user


def test_mass_assignment_of_status_or_opener_is_ignored(client, alliance, open_incident):
    incident = open_incident()
    client.force_login(alliance["am_a"])
    client.post(reverse("crisis:incident_edit", args=[incident.pk]), {
        "title": "New title", "severity": "low", "scope": "account", "owner": alliance["am_a"].pk,
        "description": "", "status": "closed", "opened_by": alliance["am_b"].pk,
    })
    incident.refresh_from_db()
    assert incident.title == "New title" and incident.status == "detected"
    assert incident.opened_by == alliance["am_a"]
