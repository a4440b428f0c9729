"""Writes of the crisis app: signals from rules, incidents and everything done in them, trust scores.

Every function takes the acting user (None for the scheduler), checks permission, validates,
writes inside one transaction, records the audit entry and, for incidents, a timeline entry.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from audit.services import diff, record, snapshot
from crisis import rules, trust
from crisis.models import (
    Incident,
    IncidentAction,
    PlaybookTemplate,
    PostMortem,
    PreventiveAction,
    Responsibility,
    Severity,
    Signal,
    Statement,
    TimelineEntry,
    TrustScore,
    WarningRule,
)
from crisis.signal_keys import shared_key
from notifications.models import Notification
from notifications.services import notify
from socialcrm.messages import as_param, choice, deferred, english, field_label
from socialcrm.visibility import (
    accounts_visible_to,
    campaigns_visible_to,
    can_run_incidents,
    incidents_visible_to,
    signals_visible_to,
    staff_who_see_all,
)

Status = Incident.Status

# Where an incident may go next. Resolved can reopen into responding when the problem returns.
TRANSITIONS = {
    Status.DETECTED: (Status.ASSESSING,),
    Status.ASSESSING: (Status.RESPONDING, Status.RESOLVED),
    Status.RESPONDING: (Status.RECOVERING, Status.RESOLVED),
    Status.RECOVERING: (Status.RESOLVED, Status.RESPONDING),
    Status.RESOLVED: (Status.CLOSED, Status.RESPONDING),
    Status.CLOSED: (),
}
URGENT_SEVERITIES = (Severity.HIGH, Severity.CRITICAL)


# --- signals ------------------------------------------------------------------------------


def evaluate_rules(*, now=None):
    """Run every active rule once; one open signal per problem. Safe to run any number of times."""
    now = now or timezone.now()
    totals = {"raised": 0, "updated": 0, "cleared": 0}
    for rule in WarningRule.objects.filter(is_active=True).order_by("pk"):
        findings = rules.evaluate(rule, now)
        with transaction.atomic():
            for key, count in _record_findings(rule, findings, now).items():
                totals[key] += count
    return totals


def _record_findings(rule, findings, now):
    """Raise, refresh or clear this rule's signals. A problem another rule already signalled is
    the same signal: this rule is added to the rules it cites, and nobody is told twice."""
    mine = Signal.objects.open().filter(Q(rule=rule) | Q(rules=rule)).values("pk")
    still_open = {signal.dedupe_key: signal
                  for signal in Signal.objects.filter(pk__in=mine).select_for_update()}
    counts = {"raised": 0, "updated": 0, "cleared": 0}
    for finding in findings:
        key = shared_key(finding.key)
        signal = still_open.pop(key, None) or _raise_signal(rule, finding, key, now)
        signal.rules.add(rule)
        if signal.evaluations == 0:
            counts["raised"] += 1
        else:
            counts["updated"] += 1
        _refresh_signal(signal, finding, now)
    for signal in still_open.values():
        signal.rules.remove(rule)
        if signal.rules.filter(is_active=True).exists():
            continue  # another active rule still finds the problem
        signal.resolved_at = now
        signal.save(update_fields=["resolved_at"])
        record(actor=None, action="crisis.signal_cleared", target=signal)
        counts["cleared"] += 1
    return counts


def _raise_signal(rule, finding, key, now):
    try:
        with transaction.atomic():
            signal = Signal.objects.create(
                rule=rule, dedupe_key=key, severity=rule.severity, title=finding.title[:300],
                title_data=finding.title_data,
                account=finding.account, campaign=finding.campaign, evidence=finding.evidence,
                links=finding.links, first_seen_at=now, last_seen_at=now, evaluations=0,
            )
    except IntegrityError:  # another rule (or evaluator) signalled this problem already
        return Signal.objects.open().get(dedupe_key=key)
    record(actor=None, action="crisis.signal_raised", target=signal, changes={"evidence": finding.evidence})
    _tell_about_signal(signal)
    return signal


def _refresh_signal(signal, finding, now):
    signal.title, signal.title_data = finding.title[:300], finding.title_data
    signal.evidence = finding.evidence
    signal.links = finding.links
    signal.last_seen_at = now
    signal.evaluations += 1
    signal.save(update_fields=["title", "title_data", "evidence", "links", "last_seen_at", "evaluations"])


def _tell_about_signal(signal):
    recipients = {signal.account.account_manager}
    if signal.campaign_id:
        recipients.add(signal.campaign.project_lead)
    level = Notification.Level.URGENT if signal.severity in URGENT_SEVERITIES else Notification.Level.WARNING
    for recipient in recipients:
        notify(recipient=recipient, kind="crisis_signal", about=signal,
               message=deferred("crisis_signal", signal=as_param(signal.title_data, signal.title)),
               dedupe_key=f"crisis-signal:{signal.pk}", url=signal.get_absolute_url(), level=level)


# --- incidents ----------------------------------------------------------------------------


def open_incident(*, user, title, incident_type, severity, scope, owner, accounts, campaigns=(),
                  description="", signal=None, request=None):
    _require_runner(user)
    accounts, campaigns = list(accounts), list(campaigns)
    _validate_affected(user, accounts, campaigns)
    _validate_assignee(owner, accounts, _("owner"))
    if signal is not None and not signals_visible_to(user).filter(pk=signal.pk).exists():
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        incident = Incident.objects.create(
            title=title, incident_type=incident_type, severity=severity, scope=scope,
            description=description, owner=owner, opened_by=user,
            detected_at=signal.first_seen_at if signal else now,
        )
        incident.accounts.set(accounts)
        incident.campaigns.set(campaigns)
        _log(incident, user, TimelineEntry.Kind.OPENED,
             deferred("incident_opened", user=user, severity=choice(incident, "severity"), owner=owner))
        if signal is not None:
            Signal.objects.filter(pk=signal.pk, incident__isnull=True).update(incident=incident)
            _log(incident, user, TimelineEntry.Kind.SIGNAL,
                 deferred("incident_from_signal", signal=as_param(signal.title_data, signal.title)))
        Responsibility.objects.create(incident=incident, person=owner,
                                      role=Responsibility.Role.ACCOUNTABLE, note=_("Incident owner"))
        actions = _apply_playbook(incident, user, accounts, campaigns)
        record(actor=user, action="crisis.incident_opened", target=incident, request=request,
               changes={"accounts": [a.pk for a in accounts], "campaigns": [c.pk for c in campaigns],
                        "severity": severity, "owner": owner.pk, "signal": signal.pk if signal else None})
        _tell_owner(incident)
        for action in actions:
            _tell_action_owner(action)
    return incident


def _apply_playbook(incident, user, accounts, campaigns):
    template = PlaybookTemplate.objects.filter(incident_type=incident.incident_type).first()
    if template is None:
        return []
    today = timezone.localdate()
    allowed = set(staff_who_see_all([account.pk for account in accounts]))
    candidates = {
        PlaybookTemplate.OwnerRole.INCIDENT_OWNER: incident.owner,
        PlaybookTemplate.OwnerRole.ACCOUNT_MANAGER: accounts[0].account_manager,
        PlaybookTemplate.OwnerRole.PROJECT_LEAD: campaigns[0].project_lead if campaigns else None,
    }
    actions = []
    for step in template.steps:
        owner = candidates.get(step.get("owner"))
        if owner not in allowed:
            owner = incident.owner
        action = IncidentAction.objects.create(
            incident=incident, title=str(step["title"])[:300], owner=owner, from_playbook=True,
            due_on=today + timedelta(days=int(step.get("due_in_days", 1))),
        )
        actions.append(action)
    if actions:
        _log(incident, user, TimelineEntry.Kind.ACTION,
             deferred("incident_playbook", count=len(actions), playbook=template))
    return actions


def update_incident(*, user, incident, title, severity, scope, owner, description, request=None):
    _require_running(user, incident)
    _validate_assignee(owner, list(incident.accounts.all()), _("owner"))
    fields = ["title", "severity", "scope", "owner", "description"]
    before = snapshot(Incident.objects.get(pk=incident.pk), fields)  # a bound form may have changed ours
    with transaction.atomic():
        incident.title, incident.severity, incident.scope = title, severity, scope
        incident.owner, incident.description = owner, description
        incident.save()
        changes = diff(before, snapshot(incident, fields))
        if not changes:
            return incident
        record(actor=user, action="crisis.incident_edited", target=incident, changes=changes, request=request)
        _log(incident, user, TimelineEntry.Kind.EDITED,
             deferred("incident_edited", changes=[_describe_change(incident, name) for name in changes]))
        if "owner" in changes:
            Responsibility.objects.get_or_create(incident=incident, person=owner,
                                                 role=Responsibility.Role.ACCOUNTABLE,
                                                 defaults={"note": _("Incident owner")})
            _tell_owner(incident)
    return incident


def _describe_change(incident, name):
    if name in ("severity", "scope"):
        return as_param(deferred("incident_field_changed", field=field_label(incident, name),
                                 value=choice(incident, name)), "")
    if name == "owner":
        return as_param(deferred("incident_field_changed", field=field_label(incident, name),
                                 value=incident.owner), "")
    return field_label(incident, name)


def transition(*, user, incident, to_status, note="", request=None):
    """Move an incident one step; refuses skipped steps and closing without a post-mortem."""
    _require_running(user, incident)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        _validate_transition(incident, to_status)
        old_label, old_status = incident.get_status_display(), incident.status
        now = timezone.now()
        incident.status = to_status
        if to_status == Status.RESOLVED:
            incident.resolved_at = now
        elif to_status == Status.RESPONDING:
            incident.resolved_at = None
        elif to_status == Status.CLOSED:
            incident.closed_at = now
        incident.save(update_fields=["status", "resolved_at", "closed_at", "updated_at"])
        entry = _log(incident, user, TimelineEntry.Kind.STATUS, deferred(
            "incident_status_changed", old={"choice": "crisis.Incident.status", "value": old_status},
            new=choice(incident, "status"), note=note))
        record(actor=user, action="crisis.incident_status", target=incident, request=request,
               changes={"status": [old_label, to_status], "note": note})
        _tell_informed(incident, entry)
    return incident


def _validate_transition(incident, to_status):
    allowed = TRANSITIONS[incident.status]
    if to_status not in allowed:
        labels = ", ".join(str(Status(step).label) for step in allowed) or _("none, it is closed")
        raise ValidationError(
            _("An incident cannot move from %(old)s to %(new)s. Next allowed: %(allowed)s.") % {
                "old": incident.get_status_display(),
                "new": Status(to_status).label if to_status in Status.values else to_status,
                "allowed": labels},
            code="invalid_transition",
        )
    if to_status == Status.CLOSED:
        postmortem = PostMortem.objects.filter(incident=incident).first()
        if postmortem is None or not postmortem.is_complete:
            raise ValidationError(
                _("Write the post-mortem (what happened, root cause, what we changed) before closing."),
                code="postmortem_required",
            )


def archive_incident(*, user, incident, request=None):
    _require_running(user, incident)
    if incident.status != Status.CLOSED:
        raise ValidationError(_("Only closed incidents can be archived."))
    with transaction.atomic():
        incident.archived_at = timezone.now()
        incident.save(update_fields=["archived_at", "updated_at"])
        record(actor=user, action="crisis.incident_archived", target=incident, request=request)
    return incident


# --- actions, responsibilities, statements, post-mortem -------------------------------------


def add_action(*, user, incident, title, owner, due_on, request=None):
    _require_running(user, incident, while_open=True)
    _validate_assignee(owner, list(incident.accounts.all()), _("action owner"))
    with transaction.atomic():
        action = IncidentAction.objects.create(incident=incident, title=title, owner=owner, due_on=due_on)
        _log(incident, user, TimelineEntry.Kind.ACTION,
             deferred("incident_action_added", title=title, owner=owner, due=due_on))
        record(actor=user, action="crisis.action_added", target=action, request=request,
               changes={"incident": incident.pk, "owner": owner.pk, "due_on": due_on})
        _tell_action_owner(action)
    return action


def update_action(*, user, action, title, owner, due_on, request=None):
    incident = action.incident
    _require_running(user, incident, while_open=True)
    _validate_assignee(owner, list(incident.accounts.all()), _("action owner"))
    fields = ["title", "owner", "due_on"]
    before = snapshot(IncidentAction.objects.get(pk=action.pk), fields)  # a bound form may have changed ours
    with transaction.atomic():
        if due_on.isoformat() != before["due_on"]:
            action.escalated_at = None  # a new deadline deserves its own escalation
        action.title, action.owner, action.due_on = title, owner, due_on
        action.save()
        changes = diff(before, snapshot(action, fields))
        if changes:
            record(actor=user, action="crisis.action_edited", target=action, changes=changes, request=request)
            _log(incident, user, TimelineEntry.Kind.ACTION,
                 deferred("incident_action_changed", title=title, owner=owner, due=due_on))
            _tell_action_owner(action)
    return action


def complete_action(*, user, action, request=None):
    incident = action.incident
    _require_running(user, incident, while_open=True)
    if action.done_at is not None:
        return action
    with transaction.atomic():
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
        record(actor=user, action="crisis.action_done", target=action, request=request)
        _log(incident, user, TimelineEntry.Kind.ACTION, deferred("incident_action_done", title=action.title))
    return action


def assign_responsibility(*, user, incident, person, role, note="", request=None):
    _require_running(user, incident)
    accounts = list(incident.accounts.all())
    if not staff_who_see_all([a.pk for a in accounts], runners_only=False).filter(pk=person.pk).exists():
        raise ValidationError(_("%s cannot see every affected account.") % person)
    with transaction.atomic():
        line, created = Responsibility.objects.get_or_create(
            incident=incident, person=person, role=role, defaults={"note": note})
        if created:
            record(actor=user, action="crisis.responsibility_added", target=incident, request=request,
                   changes={"person": person.pk, "role": role, "note": note})
            _log(incident, user, TimelineEntry.Kind.RESPONSIBILITY,
                 deferred("incident_responsibility", person=person, role=choice(line, "role")))
            notify(recipient=person, kind="incident_role", about=incident,
                   message=deferred("incident_role", role=choice(line, "role"), incident=incident),
                   dedupe_key=f"incident-role:{incident.pk}:{person.pk}:{role}",
                   url=incident.get_absolute_url())
    return line


def record_statement(*, user, incident, audience, channel, body, sent_at, account=None, request=None):
    _require_running(user, incident)
    if account is not None and not incident.accounts.filter(pk=account.pk).exists():
        raise ValidationError(_("A statement can only go to an affected account."))
    with transaction.atomic():
        statement = Statement.objects.create(incident=incident, audience=audience, account=account,
                                             channel=channel, body=body, sent_at=sent_at, sent_by=user)
        record(actor=user, action="crisis.statement_recorded", target=statement, request=request,
               changes={"incident": incident.pk, "audience": audience, "channel": channel})
        if account is not None and audience in (Statement.Audience.ADVERTISER, Statement.Audience.PUBLISHER):
            from portal.delivery import send_statement

            send_statement(statement)  # to the partner's contacts, through the outbox
        recipient = account or choice(statement, "audience")
        _log(incident, user, TimelineEntry.Kind.STATEMENT,
             deferred("incident_statement", to=recipient, channel=channel))
    return statement


def write_postmortem(*, user, incident, what_happened, root_cause, what_we_changed, request=None):
    _require_running(user, incident, while_open=True)
    fields = ["what_happened", "root_cause", "what_we_changed"]
    with transaction.atomic():
        postmortem = PostMortem.objects.filter(incident=incident).first()
        before = snapshot(postmortem, fields) if postmortem else {}
        if postmortem is None:
            postmortem = PostMortem(incident=incident, written_by=user)
        postmortem.what_happened, postmortem.root_cause = what_happened, root_cause
        postmortem.what_we_changed = what_we_changed
        postmortem.save()
        changes = diff(before, snapshot(postmortem, fields))
        if changes:
            record(actor=user, action="crisis.postmortem_written", target=postmortem, changes=changes,
                   request=request)
            _log(incident, user, TimelineEntry.Kind.POSTMORTEM,
                 deferred("incident_postmortem_updated" if before else "incident_postmortem_written"))
    return postmortem


def add_preventive_action(*, user, incident, title, owner, due_on, request=None):
    _require_running(user, incident, while_open=True)
    postmortem = PostMortem.objects.filter(incident=incident).first()
    if postmortem is None:
        raise ValidationError(_("Write the post-mortem first."))
    _validate_assignee(owner, list(incident.accounts.all()), _("owner"))
    with transaction.atomic():
        action = PreventiveAction.objects.create(postmortem=postmortem, title=title, owner=owner, due_on=due_on)
        record(actor=user, action="crisis.preventive_action_added", target=action, request=request,
               changes={"incident": incident.pk, "owner": owner.pk, "due_on": due_on})
        _log(incident, user, TimelineEntry.Kind.POSTMORTEM,
             deferred("incident_preventive", title=title, owner=owner))
        notify(recipient=owner, kind="incident_preventive_action", about=incident,
               message=deferred("incident_preventive_action", title=title),
               dedupe_key=f"incident-preventive:{action.pk}:{owner.pk}", url=incident.get_absolute_url())
    return action


# --- scheduled work -----------------------------------------------------------------------


def escalate_overdue_actions(*, today=None):
    """Remind owners of overdue actions and escalate to the incident's owner and accountable people.

    Notifications are keyed on the action and its deadline, so a rerun sends nothing twice and a
    new deadline starts over.
    """
    today = today or timezone.localdate()
    accountable = Prefetch("incident__responsibilities", to_attr="accountable",
                           queryset=Responsibility.objects.filter(role=Responsibility.Role.ACCOUNTABLE)
                           .select_related("person"))
    overdue = (
        IncidentAction.objects.filter(done_at__isnull=True, archived_at__isnull=True, due_on__lt=today,
                                      incident__archived_at__isnull=True)
        .exclude(incident__status=Status.CLOSED)
        .select_related("incident__owner", "owner")
        .prefetch_related(accountable)
    )
    escalated = 0
    for action in overdue:
        escalated += _escalate(action)
    return escalated


def _escalate(action):
    incident = action.incident
    url = incident.get_absolute_url()
    notify(recipient=action.owner, kind="incident_action_overdue", about=incident, level=Notification.Level.WARNING,
           message=deferred("incident_action_overdue", due=action.due_on, title=action.title, incident=incident),
           dedupe_key=f"incident-action-overdue:{action.pk}:{action.due_on}", url=url)
    bosses = {incident.owner} | {line.person for line in incident.accountable}
    bosses.discard(action.owner)
    for boss in bosses:
        notify(recipient=boss, kind="incident_action_escalated", about=incident, level=Notification.Level.URGENT,
               message=deferred("incident_action_escalated", owner=action.owner, title=action.title,
                                due=action.due_on, incident=incident),
               dedupe_key=f"incident-action-escalated:{action.pk}:{action.due_on}", url=url)
    with transaction.atomic():
        first_time = IncidentAction.objects.filter(pk=action.pk, escalated_at__isnull=True).update(
            escalated_at=timezone.now())
        if first_time:
            names = ", ".join(sorted(str(boss) for boss in bosses)) or str(action.owner)
            _log(incident, None, TimelineEntry.Kind.ESCALATION,
                 deferred("incident_escalation", title=action.title, due=action.due_on, names=names))
            record(actor=None, action="crisis.action_escalated", target=action)
    return first_time


def refresh_trust_scores(*, day=None):
    """Today's trust score of every active account; rerunning the same day overwrites it."""
    day = day or timezone.localdate()
    account_ids = Account.objects.active().values_list("pk", flat=True)
    return store_trust_scores(trust.score_accounts(account_ids, [day]))


def store_trust_scores(scores):
    rows = [TrustScore(account_id=account_id, day=day, score=result.score, components=result.components)
            for (account_id, day), result in scores.items()]
    TrustScore.objects.bulk_create(rows, batch_size=1000, update_conflicts=True,
                                   unique_fields=["account", "day"],
                                   update_fields=["score", "components", "computed_at"])
    return len(rows)


# --- helpers ------------------------------------------------------------------------------


def _require_runner(user):
    if not can_run_incidents(user):
        raise PermissionDenied


def _require_running(user, incident, *, while_open=False):
    _require_runner(user)
    if not incidents_visible_to(user).filter(pk=incident.pk).exists():
        raise PermissionDenied
    if incident.archived_at is not None or (while_open and incident.status == Status.CLOSED):
        raise ValidationError(_("This incident is closed; its record can no longer change."))


def _validate_affected(user, accounts, campaigns):
    if not accounts:
        raise ValidationError(_("Choose at least one affected account."))
    account_ids = {account.pk for account in accounts}
    if accounts_visible_to(user).filter(pk__in=account_ids).count() != len(account_ids):
        raise PermissionDenied
    campaign_ids = {campaign.pk for campaign in campaigns}
    if campaigns_visible_to(user).filter(pk__in=campaign_ids).count() != len(campaign_ids):
        raise PermissionDenied
    for campaign in campaigns:
        involved = {campaign.advertiser_id, *campaign.publishers.values_list("pk", flat=True)}
        if not involved & account_ids:
            raise ValidationError(
                _("Campaign %s does not belong to any affected account; add its advertiser or publisher.")
                % campaign)


def _validate_assignee(person, accounts, what):
    if not staff_who_see_all([account.pk for account in accounts]).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s cannot be the %(what)s: they cannot see every affected account.") % {
                "person": person, "what": what})


def _log(incident, actor, kind, message):
    """`message`: a socialcrm.messages.deferred(...), worded in each reader's language."""
    return TimelineEntry.objects.create(incident=incident, at=timezone.now(), actor=actor, kind=kind,
                                        message=english(message)[:400],
                                        message_data=message if isinstance(message, dict) else {})


def _tell_owner(incident):
    notify(recipient=incident.owner, kind="incident_owner", about=incident,
           message=deferred("incident_owner", incident=incident), url=incident.get_absolute_url(),
           dedupe_key=f"incident-owner:{incident.pk}:{incident.owner_id}",
           level=Notification.Level.URGENT if incident.severity in URGENT_SEVERITIES else Notification.Level.WARNING)


def _tell_action_owner(action):
    notify(recipient=action.owner, kind="incident_action", about=action.incident,
           message=deferred("incident_action", due=action.due_on, title=action.title),
           dedupe_key=f"incident-action:{action.pk}:{action.owner_id}:{action.due_on}",
           url=action.incident.get_absolute_url())


def _tell_informed(incident, entry):
    informed = Responsibility.objects.filter(incident=incident).exclude(
        role=Responsibility.Role.CONSULTED).select_related("person")
    for person in {line.person for line in informed}:
        notify(recipient=person, kind="incident_status", about=incident,
               message=deferred("incident_status", incident=incident,
                                entry=as_param(entry.message_data, entry.message)),
               dedupe_key=f"incident-status:{incident.pk}:{entry.pk}", url=incident.get_absolute_url(),
               email=False)
