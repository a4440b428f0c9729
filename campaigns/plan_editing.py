"""Editing a campaign's plan in the app: steps, owners, durations, buffers and dependencies.

An edit is a list of `StepRow`s (what the plan should be). It is validated (numbers unique,
dependencies that exist and do not loop), scheduled backwards from the launch over the
dependency graph (finished steps keep their dates), previewed with the projection, and saved in
one audited transaction. The campaign's lead and admins change anything; the account manager
changes the client-facing steps (client reviews) only.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from campaigns import planning, scheduling
from campaigns.models import Milestone, ReviewStage
from socialcrm.visibility import can_edit_client_steps, can_edit_plan

EDITED_FIELDS = ("name", "kind", "review_stage", "owner", "duration_days", "buffer_days")


@dataclass
class StepRow:
    """One step of the plan as the editor wants it. `number` orders the plan and names the step
    in other rows' `after`; `milestone` is the saved step it edits (None for a new one)."""

    number: int
    name: str
    kind: str
    review_stage: str
    owner: object
    duration_days: int
    buffer_days: int
    after: tuple = ()
    milestone: Milestone | None = None
    delete: bool = False
    errors: list = field(default_factory=list)


def rows_of(milestones):
    """The saved plan as editor rows."""
    sequence_of = {m.pk: m.sequence for m in milestones}
    return [
        StepRow(number=m.sequence, name=m.name, kind=m.kind, review_stage=m.review_stage,
                owner=m.owner, duration_days=m.duration_days, buffer_days=m.buffer_days,
                after=tuple(sorted(sequence_of[p.pk] for p in m.predecessors.all())), milestone=m)
        for m in milestones
    ]


def is_client_facing(row_or_milestone):
    return row_or_milestone.review_stage == ReviewStage.CLIENT


# --- validation ----------------------------------------------------------------------------


def check(rows, *, actor, campaign):
    """Refuse an edit that cannot be planned or that the actor may not make (ValidationError)."""
    kept = [row for row in rows if not row.delete]
    problems = _permission_problems(rows, actor=actor, campaign=campaign)
    if not kept:
        problems.append(_("A plan needs at least one step."))
    numbers = [row.number for row in kept]
    for number in sorted({n for n in numbers if numbers.count(n) > 1}):
        problems.append(_("Two steps have the number %(number)s: give each step its own number.")
                        % {"number": number})
    for row in kept:
        for number in row.after:
            if number == row.number:
                problems.append(_("“%(step)s” cannot come after itself.") % {"step": row.name})
            elif number not in numbers:
                problems.append(_("“%(step)s” comes after step %(number)s, which is not in the plan.")
                                % {"step": row.name, "number": number})
    for row in rows:
        if row.delete and row.milestone is not None and row.milestone.reviews.exists():
            problems.append(_("“%(step)s” has recorded review decisions and stays in the plan.")
                            % {"step": row.milestone.name})
    if not problems:
        try:
            scheduling.order(_steps(kept))
        except scheduling.PlanCycle:
            problems.append(_("The dependencies go round in a circle: some step must come first."))
    if problems:
        raise ValidationError(problems)


def _permission_problems(rows, *, actor, campaign):
    if can_edit_plan(actor, campaign):
        return []
    if not can_edit_client_steps(actor, campaign):
        raise PermissionDenied
    saved = {row.milestone.pk: row for row in rows_of(_saved(campaign))}
    problems = []
    for row in rows:
        before = saved.get(row.milestone.pk) if row.milestone is not None else None
        if before is None or row.delete or row.number != before.number or row.after != before.after:
            problems.append(_("Only the campaign's project lead changes which steps the plan has, "
                              "their order and dependencies."))
            break
        changed = _changes(before, row)
        if changed and not is_client_facing(before):
            problems.append(_("You can change the client-facing steps only; “%(step)s” is not one.")
                            % {"step": before.name})
    return problems


# --- scheduling and preview ----------------------------------------------------------------


def _steps(rows):
    """Scheduling steps keyed by step number; finished steps keep their dates."""
    return [
        scheduling.Step(
            key=row.number, duration_days=row.duration_days, buffer_days=row.buffer_days,
            starts_on=row.milestone.starts_on if row.milestone else None,
            due_on=row.milestone.due_on if row.milestone else None,
            locked=bool(row.milestone and row.milestone.status == Milestone.Status.DONE),
            after=tuple(row.after),
            status=row.milestone.status if row.milestone else Milestone.Status.NOT_STARTED,
        )
        for row in rows
    ]


def schedule(rows, campaign, calendar):
    """The kept rows in plan order, with their steps laid out backwards from the launch."""
    kept = sorted((row for row in rows if not row.delete), key=lambda row: row.number)
    return kept, scheduling.replan_to_launch(_steps(kept), campaign.launch_on, calendar)


def preview(rows, *, campaign, actor, today=None):
    """The plan the edit would make, with the projection and critical path; nothing is saved."""
    check(rows, actor=actor, campaign=campaign)
    calendar = planning.work_calendar()
    kept, steps = schedule(rows, campaign, calendar)
    milestones = [_unsaved(row, step, campaign) for row, step in zip(kept, steps, strict=True)]
    return planning.plan_of(campaign, milestones, steps, calendar, today=today)


def _unsaved(row, step, campaign):
    """The milestone as it stands (its dates are the step's, shown as the move), for display."""
    milestone = Milestone(campaign=campaign, sequence=row.number, name=row.name, kind=row.kind,
                          review_stage=row.review_stage, owner=row.owner,
                          duration_days=row.duration_days, buffer_days=row.buffer_days,
                          starts_on=step.starts_on, due_on=step.due_on)
    if row.milestone is not None:
        milestone.pk = row.milestone.pk
        milestone.status = row.milestone.status
        milestone.starts_on, milestone.due_on = row.milestone.starts_on, row.milestone.due_on
        milestone.planned_due_on = row.milestone.planned_due_on
    return milestone


# --- saving --------------------------------------------------------------------------------


def edit_plan(*, actor, campaign, rows, request=None):
    """Save the edited plan: add, remove, rename, reorder and re-link steps, then re-plan."""
    with transaction.atomic():
        campaign = type(campaign).objects.select_for_update().get(pk=campaign.pk)
        check(rows, actor=actor, campaign=campaign)
        calendar = planning.work_calendar()
        kept, steps = schedule(rows, campaign, calendar)
        changes = _describe(rows)
        removed = [row.milestone for row in rows if row.delete and row.milestone is not None]
        Milestone.objects.filter(pk__in=[m.pk for m in removed]).delete()
        # Free the sequence numbers first: (campaign, sequence) is unique.
        for offset, row in enumerate(row for row in kept if row.milestone is not None):
            Milestone.objects.filter(pk=row.milestone.pk).update(sequence=10000 + offset)
        by_number = {}
        for row, step in zip(kept, steps, strict=True):
            by_number[row.number] = _save_row(row, step, campaign)
        for row in kept:
            by_number[row.number].predecessors.set([by_number[n] for n in row.after])
        record(actor=actor, action="campaigns.plan.edited", target=campaign, request=request,
               changes=changes)
    return [by_number[row.number] for row in kept]


def _save_row(row, step, campaign):
    milestone = row.milestone or Milestone(campaign=campaign, planned_due_on=step.due_on)
    milestone.sequence = row.number
    for name in EDITED_FIELDS:
        setattr(milestone, name, getattr(row, name))
    milestone.starts_on, milestone.due_on = step.starts_on, step.due_on
    milestone.save()
    return milestone


def _changes(before, row):
    return {name: [str(getattr(before, name)), str(getattr(row, name))]
            for name in (*EDITED_FIELDS, "number", "after")
            if getattr(before, name) != getattr(row, name)}


def _describe(rows):
    """What the edit does, for the audit trail: {step name: what happened}."""
    saved = {row.milestone.pk: row for row in rows_of([r.milestone for r in rows if r.milestone])}
    described = {}
    for row in rows:
        if row.milestone is None:
            if not row.delete:
                described[row.name] = "added"
        elif row.delete:
            described[row.milestone.name] = "removed"
        else:
            changed = _changes(saved[row.milestone.pk], row)
            if changed:
                described[row.milestone.name] = changed
    return described


def _saved(campaign):
    return list(campaign.milestones.select_related("owner").prefetch_related("predecessors")
                .order_by("sequence"))



def rows_from(entries, saved):
    """Editor rows from the editor's cleaned form data; a row names a saved step by its id."""
    by_pk = {milestone.pk: milestone for milestone in saved}
    rows = []
    for entry in entries:
        milestone_id = entry.get("milestone")
        if milestone_id is not None and milestone_id not in by_pk:
            raise ValidationError(_("The plan changed while you were editing it: reload the page."))
        rows.append(StepRow(
            number=entry["number"], name=entry["name"], kind=entry["kind"],
            review_stage=entry.get("review_stage") or "", owner=entry["owner"],
            duration_days=entry["duration_days"], buffer_days=entry["buffer_days"],
            after=entry.get("after") or (), milestone=by_pk.get(milestone_id),
            delete=bool(entry.get("DELETE")),
        ))
    missing = set(by_pk) - {row.milestone.pk for row in rows if row.milestone is not None}
    if missing:
        raise ValidationError(_("The plan changed while you were editing it: reload the page."))
    return rows
