"""Running an incident: opening it (from a signal and a playbook), its status machine, actions,
statements, responsibilities and the post-mortem required to close it. Every step on the timeline."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from crisis import services
from crisis.models import Incident, IncidentAction, Signal, TimelineEntry
from tests.crisis.conftest import walk_to, write_postmortem
from tests.crisis.factories import WarningRuleFactory, kpi_target, record_daily_facts

S = Incident.Status


def test_opening_from_a_signal_links_it_and_applies_the_playbook(alliance, open_incident, playbook):
    kpi_target(alliance["campaign_a"], "ctr")
    record_daily_facts(alliance["campaign_a"], 7, clicks=50)
    WarningRuleFactory()
    services.evaluate_rules()
    signal = Signal.objects.get()

    incident = open_incident(signal=signal)

    signal.refresh_from_db()
    assert signal.incident == incident and incident.detected_at == signal.first_seen_at
    actions = {action.title: action.owner for action in incident.actions.all()}
    assert actions == {"Confirm the numbers": alliance["lead_a"], "Call the advertiser": alliance["am_a"]}
    assert incident.responsibilities.get().person == alliance["am_a"]
    kinds = list(incident.timeline.values_list("kind", flat=True))
    assert kinds == ["opened", "signal", "action"]
    assert AuditEntry.objects.filter(action="crisis.incident_opened", target_id=str(incident.pk)).exists()


def test_the_happy_path_through_every_status(alliance, open_incident):
    user = alliance["am_a"]
    incident = open_incident()
    incident = walk_to(incident, user, S.ASSESSING, S.RESPONDING, S.RECOVERING, S.RESOLVED)
    assert incident.resolved_at is not None
    write_postmortem(incident, user)
    incident = walk_to(incident, user, S.CLOSED)
    assert incident.status == S.CLOSED and incident.closed_at is not None
    messages = list(incident.timeline.filter(kind="status").values_list("message", flat=True))
    assert messages == ["Status: Detected → Assessing.", "Status: Assessing → Responding.",
                        "Status: Responding → Recovering.", "Status: Recovering → Resolved.",
                        "Status: Resolved → Closed."]


def test_no_closing_without_a_post_mortem(alliance, open_incident):
    incident = walk_to(open_incident(), alliance["am_a"], S.ASSESSING, S.RESOLVED)
    with pytest.raises(ValidationError, match="post-mortem"):
        services.transition(user=alliance["am_a"], incident=incident, to_status=S.CLOSED)
    incident.refresh_from_db()
    assert incident.status == S.RESOLVED


@pytest.mark.parametrize("path, refused", [
    ((), S.CLOSED),
    ((), S.RESOLVED),
    ((), S.RESPONDING),
    ((S.ASSESSING,), S.RECOVERING),
    ((S.ASSESSING,), S.DETECTED),
    ((S.ASSESSING, S.RESPONDING), S.CLOSED),
])
def test_invalid_transitions_are_refused_with_a_clear_message(alliance, open_incident, path, refused):
    incident = walk_to(open_incident(), alliance["am_a"], *path)
    write_postmortem(incident, alliance["am_a"])
    with pytest.raises(ValidationError) as error:
        services.transition(user=alliance["am_a"], incident=incident, to_status=refused)
    assert "cannot move from" in error.value.messages[0] and "Next allowed" in error.value.messages[0]


def test_a_closed_incident_stays_closed_and_its_record_cannot_change(alliance, open_incident):
    user = alliance["am_a"]
    incident = walk_to(open_incident(), user, S.ASSESSING, S.RESOLVED)
    write_postmortem(incident, user)
    incident = walk_to(incident, user, S.CLOSED)
    with pytest.raises(ValidationError, match="none, it is closed"):
        services.transition(user=user, incident=incident, to_status=S.RESPONDING)
    with pytest.raises(ValidationError):
        services.add_action(user=user, incident=incident, title="Late", owner=user,
                            due_on=timezone.localdate())
    with pytest.raises(ValidationError):
        write_postmortem(incident, user)


def test_a_resolved_incident_can_reopen(alliance, open_incident):
    incident = walk_to(open_incident(), alliance["am_a"], S.ASSESSING, S.RESOLVED, S.RESPONDING)
    assert incident.status == S.RESPONDING and incident.resolved_at is None


def test_incidents_and_their_record_are_never_deleted(alliance, open_incident):
    incident = open_incident()
    with pytest.raises(PermissionError):
        incident.delete()
    with pytest.raises(PermissionError):
        incident.timeline.first().delete()
    entry = incident.timeline.first()
    entry.message = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()


def test_only_closed_incidents_are_archived(alliance, open_incident):
    user = alliance["am_a"]
    incident = open_incident()
    with pytest.raises(ValidationError):
        services.archive_incident(user=user, incident=incident)
    incident = walk_to(incident, user, S.ASSESSING, S.RESOLVED)
    write_postmortem(incident, user)
    incident = walk_to(incident, user, S.CLOSED)
    services.archive_incident(user=user, incident=incident)
    assert Incident.objects.get(pk=incident.pk).archived_at is not None


def test_actions_statements_roles_and_post_mortem_each_leave_a_timeline_step(alliance, open_incident):
    user, lead = alliance["am_a"], alliance["lead_a"]
    incident = open_incident()
    action = services.add_action(user=user, incident=incident, title="Call the client", owner=lead,
                                 due_on=timezone.localdate() + timedelta(days=1))
    services.update_action(user=user, action=action, title="Call the client", owner=lead,
                           due_on=timezone.localdate() + timedelta(days=2))
    services.complete_action(user=lead, action=action)
    services.assign_responsibility(user=user, incident=incident, person=alliance["executive"], role="I")
    services.record_statement(user=user, incident=incident, audience="advertiser", account=alliance["adv_a"],
                              channel="email", body="We are on it.", sent_at=timezone.now())
    write_postmortem(incident, user)
    services.add_preventive_action(user=user, incident=incident, title="A/B gate", owner=lead,
                                   due_on=timezone.localdate())
    kinds = list(TimelineEntry.objects.filter(incident=incident).values_list("kind", flat=True))
    assert kinds == ["opened", "action", "action", "action", "responsibility", "statement",
                     "postmortem", "postmortem"]
    assert IncidentAction.objects.get(pk=action.pk).done_at is not None
    actions = set(AuditEntry.objects.filter(action__startswith="crisis.").values_list("action", flat=True))
    assert actions >= {"crisis.incident_opened", "crisis.action_added", "crisis.action_edited",
                       "crisis.action_done", "crisis.responsibility_added", "crisis.statement_recorded",
                       "crisis.postmortem_written", "crisis.preventive_action_added"}


def test_editing_records_what_changed(alliance, open_incident):
    incident = open_incident()
    services.update_incident(user=alliance["am_a"], incident=incident, title=incident.title,
                             severity="critical", scope=incident.scope, owner=alliance["am_a"],
                             description="More detail")
    entry = AuditEntry.objects.get(action="crisis.incident_edited")
    assert entry.changes["severity"] == ["high", "critical"]
    assert incident.timeline.filter(kind="edited").exists()


def test_nobody_is_assigned_who_cannot_see_the_affected_accounts(alliance, open_incident):
    incident = open_incident()
    with pytest.raises(ValidationError, match="cannot see every affected account"):
        services.add_action(user=alliance["am_a"], incident=incident, title="x", owner=alliance["am_b"],
                            due_on=timezone.localdate())
    with pytest.raises(ValidationError):
        open_incident(owner=alliance["lead_b"])


def test_statements_go_only_to_affected_accounts(alliance, open_incident):
    with pytest.raises(ValidationError):
        services.record_statement(user=alliance["am_a"], incident=open_incident(), audience="advertiser",
                                  account=alliance["publisher"], channel="email", body="x",
                                  sent_at=timezone.now())


def test_campaigns_must_belong_to_an_affected_account(alliance, open_incident):
    with pytest.raises(ValidationError, match="does not belong"):
        open_incident(accounts=[alliance["adv_a"]], campaigns=[alliance["campaign_b"]],
                      user=alliance["admin"], owner=alliance["admin"])


def test_nobody_opens_an_incident_on_accounts_they_cannot_see(alliance, open_incident):
    with pytest.raises(PermissionDenied):
        open_incident(accounts=[alliance["adv_b"]], campaigns=[])


@pytest.mark.parametrize("role", ["executive", "analyst"])
def test_read_only_roles_cannot_open_or_run_incidents(alliance, open_incident, role):
    incident = open_incident()
    with pytest.raises(PermissionDenied):
        open_incident(user=alliance[role], owner=alliance["am_a"])
    with pytest.raises(PermissionDenied):
        services.transition(user=alliance[role], incident=incident, to_status=S.ASSESSING)
