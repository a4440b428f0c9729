"""The crisis pages and what the crisis app adds to home, account and campaign pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crisis import services
from crisis.models import Incident, IncidentAction, Signal, TimelineEntry
from crisis.tasks import escalate_overdue_actions
from notifications.models import Notification
from socialcrm.extensions import account_timeline
from tests.crisis.conftest import walk_to
from tests.crisis.factories import WarningRuleFactory, kpi_target, record_daily_facts


def _signal(alliance):
    kpi_target(alliance["campaign_a"], "ctr")
    record_daily_facts(alliance["campaign_a"], 7, clicks=50)
    WarningRuleFactory()
    services.evaluate_rules()
    return Signal.objects.get()


def test_dashboard_shows_signals_incidents_overdue_actions_and_trust_moves(client, alliance, open_incident):
    signal = _signal(alliance)
    incident = open_incident()
    services.add_action(user=alliance["am_a"], incident=incident, title="Late call", owner=alliance["am_a"],
                        due_on=timezone.localdate() - timedelta(days=2))
    services.refresh_trust_scores(day=timezone.localdate() - timedelta(days=30))
    services.refresh_trust_scores()
    client.force_login(alliance["am_a"])
    page = client.get(reverse("crisis:dashboard")).content.decode()
    assert signal.title in page and incident.title in page and "Late call" in page
    assert "Advertiser A" in page.split('id="trust-moves"')[1]  # 100 -> 65 after the high incident


def test_opening_an_incident_from_a_signal_through_the_form(client, alliance):
    signal = _signal(alliance)
    client.force_login(alliance["am_a"])
    url = reverse("crisis:incident_create") + f"?signal={signal.pk}"
    form = client.get(url).context["form"]
    assert form.initial["accounts"] == [alliance["adv_a"]] and form.initial["incident_type"] == "performance"
    response = client.post(url, {
        "title": "CTR collapse", "incident_type": "performance", "severity": "high", "scope": "campaign",
        "owner": alliance["am_a"].pk, "accounts": [alliance["adv_a"].pk],
        "campaigns": [alliance["campaign_a"].pk], "description": "", "signal": signal.pk,
    })
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == incident.get_absolute_url()
    assert Signal.objects.get().incident == incident


def test_an_invalid_transition_shows_the_reason_on_the_page(client, alliance, open_incident):
    incident = open_incident()
    client.force_login(alliance["am_a"])
    response = client.post(reverse("crisis:incident_transition", args=[incident.pk]), {"to_status": "closed"})
    assert response.status_code == 200
    assert "cannot move from Detected to Closed" in response.content.decode()


def test_marking_an_action_done_with_htmx_returns_the_actions_partial(client, alliance, open_incident):
    incident = open_incident()
    action = services.add_action(user=alliance["am_a"], incident=incident, title="Call", owner=alliance["am_a"],
                                 due_on=timezone.localdate())
    client.force_login(alliance["am_a"])
    response = client.post(reverse("crisis:action_done", args=[action.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<section class="card wide" id="actions"')
    assert IncidentAction.objects.get().done_at is not None


def test_account_page_shows_trust_breakdown_trend_and_open_incidents(client, alliance, open_incident):
    incident = open_incident()
    for offset in (2, 1, 0):
        services.refresh_trust_scores(day=timezone.localdate() - timedelta(days=offset))
    client.force_login(alliance["am_a"])
    page = client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert "Trust score" in page and "Open incidents" in page and "Meeting cadence kept" in page
    assert f'data-chart="trust-trend-{alliance["adv_a"].pk}"' in page
    assert incident.title in page


def test_campaign_page_lists_its_signals_and_incidents(client, alliance, open_incident):
    signal = _signal(alliance)
    incident = open_incident()
    client.force_login(alliance["lead_a"])
    page = client.get(alliance["campaign_a"].get_absolute_url()).content.decode()
    assert signal.title in page and incident.title in page


def test_account_timeline_shows_signals_and_every_incident_step(alliance, open_incident):
    signal = _signal(alliance)
    incident = walk_to(open_incident(signal=signal), alliance["am_a"], "assessing")
    events = account_timeline(alliance["adv_a"], user=alliance["admin"])
    titles = [event.title for event in events]
    assert f"Warning: {signal.title}" in titles
    assert any("Status: Detected → Assessing" in title for title in titles)
    assert any("Incident opened" in title for title in titles)
    assert all(alliance["adv_b"].name not in title for title in titles)
    assert incident.pk


def test_a_multi_account_incident_stays_off_the_shared_timeline(alliance, open_incident):
    open_incident(user=alliance["admin"], owner=alliance["admin"], title="Spanning",
                  accounts=[alliance["adv_a"], alliance["secret"]], campaigns=[])
    assert not [event for event in account_timeline(alliance["adv_a"], user=alliance["admin"]) if "Spanning" in event.title]


def test_overdue_actions_are_escalated_once_per_deadline(alliance, open_incident):
    incident = open_incident()
    action = services.add_action(user=alliance["am_a"], incident=incident, title="Call the CMO",
                                 owner=alliance["lead_a"], due_on=timezone.localdate() - timedelta(days=1))
    escalate_overdue_actions.delay()
    escalate_overdue_actions.delay()
    assert Notification.objects.filter(recipient=alliance["lead_a"], kind="incident_action_overdue").count() == 1
    assert Notification.objects.filter(recipient=alliance["am_a"], kind="incident_action_escalated").count() == 1
    assert TimelineEntry.objects.filter(incident=incident, kind="escalation").count() == 1
    services.update_action(user=alliance["am_a"], action=action, title=action.title,
                           owner=alliance["lead_a"], due_on=timezone.localdate() - timedelta(days=3))
    escalate_overdue_actions.delay()  # a new deadline that is already past: escalated again
    assert TimelineEntry.objects.filter(incident=incident, kind="escalation").count() == 2


def test_done_actions_and_closed_incidents_are_not_escalated(alliance, open_incident):
    incident = open_incident()
    action = services.add_action(user=alliance["am_a"], incident=incident, title="Done already",
                                 owner=alliance["am_a"], due_on=timezone.localdate() - timedelta(days=3))
    services.complete_action(user=alliance["am_a"], action=action)
    assert services.escalate_overdue_actions() == 0
    assert not Notification.objects.filter(kind__startswith="incident_action_").exclude(
        kind="incident_action").exists()


def test_home_shows_my_incident_actions(client, alliance, open_incident):
    incident = open_incident()
    services.add_action(user=alliance["am_a"], incident=incident, title="Call the CMO", owner=alliance["am_a"],
                        due_on=timezone.localdate())
    client.force_login(alliance["am_a"])
    page = client.get(reverse("home")).content.decode()
    assert "Trust &amp; crisis" in page and "Call the CMO" in page


def test_the_incident_page_has_unique_ids_and_asks_before_closing(client, alliance, open_incident):
    import re
    from collections import Counter

    client.force_login(alliance["am_a"])
    page = client.get(open_incident().get_absolute_url()).content.decode()
    duplicated = [name for name, count in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if count > 1]
    assert duplicated == []
    assert 'data-confirm-when="to_status=closed"' in page
