"""Demo data: default warning rules and playbooks, a closed incident with its post-mortem, an open
one with actions (one overdue), the signals today's data raises, and 90 days of trust scores."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from crisis import services, trust
from crisis.models import (
    Incident,
    IncidentAction,
    PlaybookTemplate,
    PostMortem,
    PreventiveAction,
    Responsibility,
    Severity,
    Statement,
    TimelineEntry,
    WarningRule,
)
from socialcrm import messages
from socialcrm.messages import choice

TRUST_HISTORY_DAYS = 90

DEFAULT_RULES = (
    ("KPI missed its target (7 days)", WarningRule.Kind.KPI_BELOW_TARGET, Severity.HIGH, {}),
    ("KPI dropped 30% against its 4-week baseline", WarningRule.Kind.KPI_DROP, Severity.MEDIUM, {}),
    ("Negative feedback spike", WarningRule.Kind.NEGATIVE_FEEDBACK, Severity.HIGH, {}),
    ("Two or more late answers in a week", WarningRule.Kind.SLA_BREACHES, Severity.MEDIUM, {}),
    ("Key milestone overdue", WarningRule.Kind.KEY_MILESTONE_OVERDUE, Severity.HIGH, {"grace_days": 1}),
    ("Budget overspent", WarningRule.Kind.BUDGET_OVERSPEND, Severity.CRITICAL, {}),
)

OWNER = PlaybookTemplate.OwnerRole.INCIDENT_OWNER
MANAGER = PlaybookTemplate.OwnerRole.ACCOUNT_MANAGER
LEAD = PlaybookTemplate.OwnerRole.PROJECT_LEAD
PLAYBOOKS = {
    Incident.Type.PERFORMANCE: [
        ("Confirm the numbers with the platform reports", LEAD, 1),
        ("Call the advertiser: explain what happened and what we do next", MANAGER, 1),
        ("Propose a recovery plan (budget shift, creative refresh)", LEAD, 3),
        ("Review results with the advertiser", MANAGER, 10),
    ],
    Incident.Type.NEGATIVE_FEEDBACK: [
        ("Answer every open complaint personally", MANAGER, 1),
        ("Agree a public statement with the partner", OWNER, 2),
        ("Find the root cause with the team", OWNER, 5),
    ],
    Incident.Type.SERVICE: [
        ("Answer every overdue item today", MANAGER, 0),
        ("Apologise and give the partner a direct contact", MANAGER, 1),
        ("Fix the rota or routing that let answers slip", OWNER, 7),
    ],
    Incident.Type.DELIVERY: [
        ("Re-plan the remaining milestones", LEAD, 1),
        ("Tell the advertiser the new dates and why", MANAGER, 1),
        ("Daily check-in until back on plan", LEAD, 7),
    ],
    Incident.Type.BUDGET: [
        ("Pause or cap the overspending line items", LEAD, 0),
        ("Explain the overspend and the correction to the advertiser", MANAGER, 1),
        ("Agree who bears the overspend", OWNER, 5),
    ],
    Incident.Type.OTHER: [
        ("Assess impact and agree the response", OWNER, 1),
        ("Tell the affected partners", MANAGER, 2),
    ],
}


def seed(ctx):
    for name, kind, severity, parameters in DEFAULT_RULES:
        WarningRule.objects.create(name=ctx.say(name), kind=kind, severity=severity, parameters=parameters)
    WarningRule.objects.create(  # a strategic account gets an earlier warning
        name=ctx.say("Lumière: any KPI at risk"), kind=WarningRule.Kind.KPI_BELOW_TARGET, severity=Severity.MEDIUM,
        scope=WarningRule.Scope.ACCOUNT, account=ctx.advertisers[0], parameters={"fire_on": "at_risk"},
    )
    for incident_type, steps in PLAYBOOKS.items():
        PlaybookTemplate.objects.create(incident_type=incident_type, steps=[
            {"title": ctx.say(title), "owner": owner, "due_in_days": days} for title, owner, days in steps])
    _closed_incident(ctx)
    _open_incident(ctx)
    signals = services.evaluate_rules()
    days = [ctx.today - timedelta(days=offset) for offset in range(TRUST_HISTORY_DAYS)]
    account_ids = [account.pk for account in ctx.advertisers + ctx.publishers]
    scores = services.store_trust_scores(trust.score_accounts(account_ids, days))
    ctx.log.append(f"{len(DEFAULT_RULES) + 1} warning rules, {signals['raised']} signals, 2 incidents, "
                   f"{scores} trust scores")


def _at(ctx, days_ago, hour=10):
    return timezone.make_aware(datetime.combine(ctx.today - timedelta(days=days_ago), time(hour)))


def _step(incident, ctx, days_ago, actor, kind, message, hour=10):
    """A past timeline entry, stored as the services store it: a code and parameters, worded in
    each reader's language (socialcrm.messages)."""
    TimelineEntry.objects.create(incident=incident, at=_at(ctx, days_ago, hour), actor=actor,
                                 kind=kind, message=messages.english(message), message_data=message)


def _status(old, new, note=""):
    return messages.deferred("incident_status_changed", old={"choice": "crisis.Incident.status", "value": old},
                             new={"choice": "crisis.Incident.status", "value": new}, note=note)


def _closed_incident(ctx):
    am, lead, executive = ctx.users["am"], ctx.users["lead"], ctx.users["exec"]
    campaign = ctx.campaigns[0]  # Autumn Glow Launch
    incident = Incident.objects.create(
        title=ctx.say("CTR collapse on Autumn Glow after the creative swap"), incident_type=Incident.Type.PERFORMANCE,
        severity=Severity.HIGH, scope=Incident.Scope.CAMPAIGN, status=Incident.Status.CLOSED,
        description=ctx.say("CTR fell from 1.4% to 0.6% within three days of the new creatives going live."),
        owner=am, opened_by=am, detected_at=_at(ctx, 58), resolved_at=_at(ctx, 46), closed_at=_at(ctx, 42),
    )
    incident.accounts.set([campaign.advertiser])
    incident.campaigns.set([campaign])
    for person, role, note in ((am, "A", "Incident owner"), (lead, "R", "Recovery plan"),
                               (executive, "I", "Strategic account")):
        Responsibility.objects.create(incident=incident, person=person, role=role, note=ctx.say(note))
    for title, owner, due, done in (
        ("Roll back to the previous creatives", lead, 57, 57),
        ("Call Lumière's marketing director", am, 57, 57),
        ("Run an A/B test of two new creatives", lead, 52, 50),
    ):
        IncidentAction.objects.create(incident=incident, title=ctx.say(title), owner=owner,
                                      due_on=ctx.today - timedelta(days=due),
                                      done_at=_at(ctx, done, 16))
    Statement.objects.create(
        incident=incident, audience=Statement.Audience.ADVERTISER, account=campaign.advertiser,
        channel="email", sent_at=_at(ctx, 57, 15), sent_by=am,
        body=ctx.say("We saw the click-through rate drop after Monday's creative change, rolled back within a "
                     "day and will share an A/B test plan by Friday. No extra cost for the affected days."),
    )
    postmortem = PostMortem.objects.create(
        incident=incident, written_by=am,
        what_happened=ctx.say("New creatives went live on all placements at once; CTR fell 57% in three days."),
        root_cause=ctx.say("Creatives skipped the pre-launch A/B test because of a deadline; nobody watched CTR "
                           "daily."),
        what_we_changed=ctx.say("Every creative swap now starts on 20% of placements; the CTR warning rule runs "
                                "hourly."),
    )
    PreventiveAction.objects.create(postmortem=postmortem, title=ctx.say("Add the A/B gate to the launch checklist"),
                                    owner=lead, due_on=ctx.today - timedelta(days=40), done_at=_at(ctx, 41))
    steps = (
        (58, am, "opened", messages.deferred("incident_opened", user=am, severity=choice(incident, "severity"),
                                             owner=am)),
        (58, am, "status", _status("detected", "assessing")),
        (57, am, "status", _status("assessing", "responding", ctx.say("Creatives rolled back."))),
        (57, am, "statement", messages.deferred("incident_statement", to=campaign.advertiser, channel="email")),
        (50, lead, "status", _status("responding", "recovering", ctx.say("CTR back to 1.3%."))),
        (46, am, "status", _status("recovering", "resolved")),
        (43, am, "postmortem", messages.deferred("incident_postmortem_written")),
        (42, am, "status", _status("resolved", "closed")),
    )
    for days_ago, actor, kind, message in steps:
        _step(incident, ctx, days_ago, actor, kind, message)


def _open_incident(ctx):
    am, lead = ctx.users["am"], ctx.users["lead"]
    campaign = ctx.campaigns[1]  # Double 11 Snack Festival
    incident = Incident.objects.create(
        title=ctx.say("Panda Snacks unhappy with Double 11 reporting delays"), incident_type=Incident.Type.SERVICE,
        severity=Severity.MEDIUM, scope=Incident.Scope.ACCOUNT, status=Incident.Status.RESPONDING,
        description=ctx.say("Daily reports arrived two days late three times; the client escalated to their CMO."),
        owner=am, opened_by=am, detected_at=_at(ctx, 6),
    )
    incident.accounts.set([campaign.advertiser])
    incident.campaigns.set([campaign])
    Responsibility.objects.create(incident=incident, person=am, role="A", note=ctx.say("Incident owner"))
    Responsibility.objects.create(incident=incident, person=lead, role="R", note=ctx.say("Reporting pipeline"))
    for title, owner, due_offset, done in (
        ("Send all missing daily reports", lead, -5, True),
        ("Apologise to the CMO in person", am, -2, False),
        ("Automate the daily report export", lead, 4, False),
    ):
        IncidentAction.objects.create(incident=incident, title=ctx.say(title), owner=owner,
                                      due_on=ctx.today + timedelta(days=due_offset),
                                      done_at=_at(ctx, 5, 18) if done else None)
    steps = (
        (6, am, "opened", messages.deferred("incident_opened", user=am, severity=choice(incident, "severity"),
                                            owner=am)),
        (6, am, "status", _status("detected", "assessing")),
        (5, am, "status", _status("assessing", "responding")),
        (5, lead, "action", messages.deferred("incident_action_done", title=ctx.say("Send all missing daily reports"))),
    )
    for days_ago, actor, kind, message in steps:
        _step(incident, ctx, days_ago, actor, kind, message)
