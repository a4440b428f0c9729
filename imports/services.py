"""Writes of the import: upload -> column mapping -> validation report -> commit.

Who may import: admins, and project leads for the campaigns they lead (a file's campaign names
resolve only among those). Executives, analysts and account managers read results; they do not
write facts. Validation and the commit run in Celery tasks (imports.tasks) with progress.
"""

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import record
from campaigns.fact_window import extend_to_cover, outside_report, outside_rows
from campaigns.models import Campaign
from imports.checked import (
    RowKeys,
    Spool,
    as_frame,
    as_records,
    checked_frames,
    checked_records,
    drop_checked,
    has_checked,
)
from imports.columns import FIELDS, IDENTITY_FIELDS, guess, header_score
from imports.early_write import early_writer
from imports.mapping import KINDS, MAPPING_MODELS, choosable, suggest
from imports.models import ImportJob, SourceMapping
from imports.progress import clear_progress, record_progress, start_phase
from imports.reader.report import rejected_table
from imports.reader.table import Layout, LineCount, detect_layout, estimated_rows, iter_chunks
from imports.rows import (
    ReadAgain,
    ReadingOptions,
    Resolver,
    period_reach_rows,
    read_facts,
    resolve,
    split_periods,
)
from imports.upload_stream import check_upload_size, sha256_of
from imports.writer import analyze_after_large_load, write_checked, write_period_reach
from reports.kpis import COUNTERS
from reports.periods import ranges_of
from socialcrm.uploads import UploadError
from socialcrm.visibility import can_import, require_importer  # noqa: F401 - imported from here by callers


def ensure_room_for_another_import(user, error=ValidationError):
    """A few imports per person at a time: one person's uploads can never hold every worker."""
    running = ImportJob.objects.filter(uploaded_by=user, status__in=ImportJob.RUNNING).count()
    if running >= settings.IMPORTS_IN_FLIGHT_PER_USER:
        raise error(_("You already have %(n)s imports being checked or written. Start this one "
                      "when one of them has finished.") % {"n": running})


def upload_file(*, user, uploaded_file, source_name, request=None):
    """Store the file and find its header. Refuses over-size files before reading them and
    files whose exact content was imported before.

    The file is never held whole in memory: Django's upload handlers streamed it to a temporary
    file; here it is hashed and stored chunk by chunk, and only its first lines are parsed.
    """
    require_importer(user)
    check_upload_size(uploaded_file)  # raises UploadError before anything is parsed
    ensure_room_for_another_import(user, error=UploadError)
    content_hash = sha256_of(uploaded_file)
    earlier = ImportJob.objects.filter(content_hash=content_hash, status=ImportJob.Status.DONE).first()
    if earlier:
        raise UploadError(
            _("This exact file was already imported on %(when)s (“%(name)s”, import #%(pk)s). "
              "Importing it again would change nothing.")
            % {"when": timezone.localtime(earlier.finished_at).strftime("%Y-%m-%d %H:%M"),
               "name": earlier.original_name, "pk": earlier.pk}
        )
    layout = find_layout(uploaded_file)
    source_name = source_name.strip()
    with transaction.atomic():
        source, _created = SourceMapping.objects.get_or_create(
            name=source_name, defaults={"updated_by": user, "columns": {}})
        job = ImportJob(
            uploaded_by=user, source=source, original_name=uploaded_file.name[:255], size=uploaded_file.size,
            content_hash=content_hash, header_line=layout.header_line, headers=list(layout.headers),
            total_rows=estimated_rows(uploaded_file, layout),
            columns=remembered_columns(source, list(layout.headers)), platform=source.platform,
            publisher=source.publisher, import_when_clean=source.import_when_clean,
        )
        uploaded_file.seek(0)
        job.file.save(f"{content_hash[:16]}-{uploaded_file.name[-80:]}", uploaded_file, save=False)
        job.save()
        record(actor=user, action="imports.upload", target=job, request=request,
               changes={"source": source.name, "size": job.size, "rows": job.total_rows})
    return job


def find_layout(data):
    return detect_layout(data, header_score, not_found=_(
        "No header line found: name at least a date column and one metric (e.g. Date, Impressions)."))


def job_layout(job):
    """The layout of a stored file: detected again (cheap), with the header line recorded at upload."""
    with job.file.open("rb") as stream:
        layout = find_layout(stream)
    return Layout(kind=layout.kind, encoding=layout.encoding, delimiter=layout.delimiter,
                  header_line=job.header_line, headers=tuple(job.headers))


def remembered_columns(source, headers):
    """The source's remembered mapping where its headers are present, else a guess by name."""
    remembered = {name: header for name, header in source.columns.items() if header in headers}
    taken = set(remembered.values())
    guessed = {name: header for name, header in guess(headers).items() if header not in taken}
    return {**guessed, **remembered}


def save_mapping(*, user, job, columns, campaign=None, publisher=None, platform="", reading=None,
                 import_when_clean=False, request=None):
    """Record the mapping (also as the source's default for next time) and start validation.
    `import_when_clean`: import the whole file straight after the check when every row is good
    (all or nothing; otherwise the report waits for the user's decision as usual)."""
    _require_owner(user, job)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.NAMES, ImportJob.Status.VALIDATED,
                          ImportJob.Status.REFUSED):
        raise ValidationError(_("This import can no longer be changed."))
    ensure_room_for_another_import(user)
    columns = {name: header for name, header in columns.items() if name in FIELDS and header in job.headers}
    _check_mapping(columns, campaign, publisher, platform)
    if campaign is not None and not _may_write(user, campaign):
        raise PermissionDenied
    from imports.tasks import validate_import

    with transaction.atomic():
        job.columns, job.campaign, job.publisher, job.platform = columns, campaign, publisher, platform
        job.reading = {name: value for name, value in (reading or {}).items() if value}
        job.import_when_clean = bool(import_when_clean)
        job.report, job.message = {}, ""
        job.save()
        _start_step(job, ImportJob.Status.VALIDATING)
        source = job.source
        source.columns = columns
        source.publisher = publisher or source.publisher
        source.platform = platform or source.platform
        source.import_when_clean = job.import_when_clean
        source.updated_by = user
        source.save()
        record(actor=user, action="imports.map_columns", target=job, request=request, changes={"columns": columns})
        validate_import.delay_on_commit(job.pk)
    return job


def validate(job):
    """Check every row and store the report (called by the task).

    Platform campaigns/accounts nobody has placed yet stop the check at the mapping step, listed
    once each with suggested CRM campaigns; their lines are not reported as errors.
    """
    outcome = _check(job, early=job.import_when_clean)
    try:
        if _store_check(job, outcome):
            return _import_straight_away(job, outcome.writer)
        return job
    finally:
        if outcome.writer is not None:
            outcome.writer.abandon()  # nothing left to roll back once it has finished


def _store_check(job, outcome):
    """The report and the spool of a finished check; True when the job goes on to import straight
    away (asked for, and every row good)."""
    job.report = outcome.report()
    job.good_rows, job.bad_rows = outcome.good_rows, len(outcome.rejected_lines)
    job.processed_rows = job.total_rows
    if outcome.unknown:
        job.report["unknown"] = _unknown_report(job, outcome)
        job.status = ImportJob.Status.NAMES
        drop_checked(job)
    else:
        job.status = ImportJob.Status.VALIDATED
        job.report["outside"] = outside_report(
            as_frame(records, ("line", "campaign", "day")) for records in outcome.spool.chunks())
        outcome.spool.save(job)
    outcome.spool.close()
    straight_away = (job.import_when_clean and job.status == ImportJob.Status.VALIDATED and job.good_rows
                     and not job.bad_rows and not job.outside)
    if straight_away:
        job.status, job.mode = ImportJob.Status.IMPORTING, ImportJob.Mode.ALL_OR_NOTHING
    job.save(update_fields=["report", "good_rows", "bad_rows", "processed_rows", "status", "mode"])
    clear_progress(job.pk)
    return straight_away


def _import_straight_away(job, writer):
    """Every row is good and the user asked to import straight away: commit what the early writer
    upserted during the check (with the job's bookkeeping, in its transaction), or, without one
    (SQLite, summed breakdown rows, a failed writer), run the ordinary commit now."""
    record(actor=job.uploaded_by, action="imports.commit", target=job,
           changes={"mode": job.mode, "outside_dates": "", "straight_away": True})
    job.report["outside_result"] = {"left_out": 0}
    if writer is not None and writer.finish(lambda written: _record_written(job, written, dropped=set())):
        clear_progress(job.pk)
        return job
    return commit(job)


def confirm_names(*, user, job, answers, request=None):
    """Remember what each unknown platform campaign/account is (a CRM id, or None to leave its
    rows out) for the job's source, then check the rows again.

    `answers` maps (kind, key) -> target id or None; every target must be one the user may write.
    """
    _require_owner(user, job)
    if job.status != ImportJob.Status.NAMES:
        raise ValidationError(_("This import is not waiting for platform campaigns to be mapped."))
    unknown = {(kind, item["key"]): item for kind, items in job.unknown_names.items() for item in items}
    if set(answers) != set(unknown):
        raise ValidationError(_("Choose a campaign or “leave out” for every platform name."))
    for kind in KINDS:
        wanted = {target for (answer_kind, _key), target in answers.items() if answer_kind == kind and target}
        if wanted - set(choosable(user, kind).filter(pk__in=wanted).values_list("pk", flat=True)):
            raise PermissionDenied
    from imports.tasks import validate_import

    with transaction.atomic():
        for (kind, key), target in answers.items():
            item = unknown[(kind, key)]
            MAPPING_MODELS[kind].objects.update_or_create(
                source=job.source, key=key, confirmed_by=user,
                defaults={"target_id": target, "external_id": item["external_id"][:100],
                          "external_name": item["name"][:255]})
        _start_step(job, ImportJob.Status.VALIDATING)
        record(actor=user, action="imports.map_names", target=job, request=request,
               changes={f"{kind}:{unknown[(kind, key)]['name'] or key}": target
                        for (kind, key), target in answers.items()})
        validate_import.delay_on_commit(job.pk)
    return job


def start_commit(*, user, job, mode, outside="", request=None):
    """The user's decision after the report: everything (only when no row is bad) or the good rows,
    and, when the check found rows dated outside their campaign's dates, whether to leave those
    out or to extend the campaigns' dates to cover them (`outside`: ImportJob.OutsideDates)."""
    _require_owner(user, job)
    if job.status != ImportJob.Status.VALIDATED:
        raise ValidationError(_("This import is not waiting for a decision."))
    if mode not in ImportJob.Mode.values:
        raise ValidationError(_("Choose how to import."))
    if mode == ImportJob.Mode.ALL_OR_NOTHING and job.bad_rows:
        raise ValidationError(_("%(count)s rows are rejected, so the file cannot be imported whole. "
                                "Fix the file, or import the good rows only.") % {"count": job.bad_rows})
    if not job.good_rows:
        raise ValidationError(_("There is no good row to import."))
    outside = _outside_choice(job, outside)
    from imports.tasks import commit_import

    with transaction.atomic():
        job.mode, job.outside_dates = mode, outside
        job.save(update_fields=["mode", "outside_dates"])
        _start_step(job, ImportJob.Status.IMPORTING)
        record(actor=user, action="imports.commit", target=job, request=request,
               changes={"mode": mode, "outside_dates": outside})
        commit_import.delay_on_commit(job.pk)
    return job


def commit(job):
    """Write the checked rows in one transaction, chunk by chunk, then refresh the rollups they touched.

    The rows come from the check's spool (imports.checked), so the file is not parsed again;
    what may have changed since the check (the campaigns and publishers the user may write) is
    checked again, and in all-or-nothing mode any row no longer allowed refuses the whole file
    and writes nothing. Without a spool (a check from an older version) the file is checked again.
    """
    if job.status == ImportJob.Status.DONE:
        return job  # a retried task: the work is done
    if not has_checked(job):
        outcome = _check(job)
        _unknown_as_errors(outcome)
        job.report, job.good_rows = outcome.report(), outcome.good_rows
        outcome.spool.save(job)
        outcome.spool.close()
    lost_errors, lost_lines = _no_longer_writable(job)
    errors = sorted(job.errors + lost_errors, key=lambda error: error["line"])
    job.report = {**job.report, "errors": errors,
                  "rejected_lines": sorted(set(job.report.get("rejected_lines", [])) | lost_lines)}
    job.bad_rows = len(job.report["rejected_lines"])
    if job.mode == ImportJob.Mode.ALL_OR_NOTHING and errors:
        return _refuse(job)
    mapped = [name for name in COUNTERS if name in job.columns]
    left_out, extend = _outside_at_commit(job, lost_lines)
    dropped = lost_lines | left_out
    start_phase(job.pk, "write", job.good_rows - len(dropped))
    chunks = checked_records(job)
    if dropped:
        lost = np.array(sorted(dropped), dtype=np.int64)
        chunks = (records[~np.isin(records["line"], lost)] for records in chunks)
    with transaction.atomic():
        job.report["outside_result"] = _extend_campaigns(job, extend) if extend else {"left_out": len(left_out)}
        written = write_checked(chunks, mapped, progress=lambda done: record_progress(job.pk, done))
        _record_written(job, written, dropped)
    clear_progress(job.pk)
    return job


def _record_written(job, written, dropped):
    """A commit's bookkeeping, inside its transaction: period reach, counts, status, campaigns;
    ANALYZE, the spool's removal and the rollup refresh once it is committed."""
    job.report["period_reach_written"] = write_period_reach(_still_writable(job, job.report.get("period_reach", [])))
    job.inserted, job.updated, job.unchanged = written.inserted, written.updated, written.unchanged
    job.good_rows -= len(dropped)
    job.status, job.finished_at = ImportJob.Status.DONE, timezone.now()
    job.processed_rows = job.total_rows
    job.save()
    job.campaigns.add(*written.campaign_ids)
    transaction.on_commit(lambda: analyze_after_large_load(written))
    transaction.on_commit(lambda: drop_checked(job))
    _refresh_rollups_on_commit(written)


def _outside_choice(job, outside):
    """The user's answer about rows outside their campaign's dates, checked; "" when none were found."""
    if not job.outside_rows:
        return ""
    if outside not in ImportJob.OutsideDates.values:
        raise ValidationError(ngettext(
            "%(count)s row is dated outside its campaign's dates: choose to leave it out or to extend "
            "the campaign's dates.",
            "%(count)s rows are dated outside their campaign's dates: choose to leave them out or to "
            "extend the campaigns' dates.", job.outside_rows) % {"count": job.outside_rows})
    if outside == ImportJob.OutsideDates.REJECT and job.outside_rows >= job.good_rows:
        raise ValidationError(_("Every good row is dated outside its campaign's dates: leaving them out "
                                "would import nothing. Nothing was imported."))
    return outside


def _outside_at_commit(job, lost_lines):
    """(lines to leave out, {campaign_id: days to cover}) by the user's choice, measured against the
    campaigns' dates as they are now (they may have changed since the check)."""
    if not job.outside_dates:
        return set(), {}
    lines, days = outside_rows(frame[~frame["line"].isin(lost_lines)]
                               for frame in checked_frames(job, columns=["line", "campaign", "day"]))
    if job.outside_dates == ImportJob.OutsideDates.REJECT:
        return lines, {}
    return set(), days


def _extend_campaigns(job, days_by_campaign):
    """Extend each campaign to cover its rows (audited by fact_window); the dates before and after."""
    extended = []
    for campaign in Campaign.objects.select_for_update().filter(pk__in=list(days_by_campaign)).order_by("pk"):
        before = (campaign.start_on.isoformat(), campaign.end_on.isoformat())
        extend_to_cover(actor=job.uploaded_by, campaign=campaign, days=days_by_campaign[campaign.pk])
        extended.append({"campaign": campaign.pk, "name": campaign.name, "before": before,
                         "after": (campaign.start_on.isoformat(), campaign.end_on.isoformat())})
    return {"extended": extended}


def _no_longer_writable(job):
    """Checked rows whose campaign or publisher the user may no longer write: one error per
    campaign/publisher (not per row), and their lines."""
    allowed = {kind: set(choosable(job.uploaded_by, kind).values_list("pk", flat=True)) for kind in KINDS}
    errors, lines = [], set()
    written_to = job.report.get("written_to")
    if written_to and all(set(written_to[kind]) <= allowed[kind] for kind in KINDS):
        return errors, lines  # the common case: nothing to look at row by row
    for frame in checked_frames(job, columns=["line", "campaign", "publisher"]):
        for kind in KINDS:
            lost = frame[~frame[kind].isin(allowed[kind])]
            for target, rows in lost.groupby(kind)["line"]:
                errors.append({"line": int(rows.min()), "column": kind, "reason": ngettext(
                    "#%(id)s is no longer a campaign or publisher you may import for (%(count)s line).",
                    "#%(id)s is no longer a campaign or publisher you may import for (%(count)s lines).",
                    len(rows)) % {"id": target, "count": len(rows)}})
                lines.update(int(line) for line in rows)
    return errors, lines


def _still_writable(job, rows):
    """The period rows whose campaign and publisher the user may still write."""
    allowed = {kind: set(choosable(job.uploaded_by, kind).values_list("pk", flat=True)) for kind in KINDS}
    return [row for row in rows if all(row[kind] in allowed[kind] for kind in KINDS)]


def rejected_rows(job):
    """(header, rows) of the rejected lines, as in the file, with the reasons appended."""
    wanted = set(job.report.get("rejected_lines", []))
    found = {}
    with job.file.open("rb") as stream:
        for raw in iter_chunks(stream, job_layout(job), LineCount()):
            for position, line in enumerate(raw.lines):
                if line in wanted:
                    found[line] = list(raw.frame.iloc[position])
            for problem in raw.problems:
                found[problem["line"]] = problem.get("cells", [])
    return rejected_table(job.headers, found, job.errors)


@dataclass
class Checked:
    """Every row of a file, read, resolved and combined: the good rows and what went wrong."""

    spool: object  # imports.checked.Spool of the good rows (None once stored)
    rows: int
    errors: list
    skipped: list
    count: LineCount
    written_to: dict = field(default_factory=dict)  # kind -> the ids the good rows write to
    breakdown_rows: int = 0
    summed_into: int = 0
    unknown: dict = None  # key -> mapping.Unknown: platform names to ask about, once each
    unmapped_lines: set = field(default_factory=set)  # lines of platform names no longer mapped
    period_reach: list = field(default_factory=list)  # rows covering a period: their reach (rows.period_reach_rows)
    writer: object = None  # imports.early_write.EarlyWriter holding the rows upserted meanwhile, uncommitted

    @property
    def rejected_lines(self):
        return {error["line"] for error in self.errors} | self.unmapped_lines

    @property
    def good_rows(self):
        return self.rows + self.breakdown_rows - self.summed_into + len(self.period_reach)

    def report(self):
        return {"errors": self.errors, "skipped": self.skipped, "rejected_lines": sorted(self.rejected_lines),
                "lines": self.count.as_dict(), "breakdown": {"rows": self.breakdown_rows,
                                                             "summed_into": self.summed_into},
                "period_reach": self.period_reach,
                "written_to": {kind: sorted(ids) for kind, ids in self.written_to.items()}}


def _check(job, early=False):
    """Read, type, resolve and combine every row once, writing the good ones to a spool as it
    goes; only each row's natural key stays in memory (to find keys repeated across chunks).
    `early`: also upsert them meanwhile on a second connection (imports.early_write), left
    uncommitted in the outcome's `writer` for the caller to finish or abandon."""
    options = ReadingOptions(**job.reading)
    while True:
        try:
            return _check_once(job, options, early)
        except ReadAgain as again:  # the first rows misled the reading of numbers or dates
            options = again.options


def _check_once(job, options, early):
    defaults = {"campaign": job.campaign_id, "publisher": job.publisher_id, "platform": job.platform}
    defaults = {name: value for name, value in defaults.items() if value and name not in job.columns
                and f"{name}_external_id" not in job.columns}
    layout, resolver, count = job_layout(job), Resolver(job.uploaded_by, job.source), LineCount()
    errors, skipped, unknown, keys, periods = [], [], {}, RowKeys(), []
    written_to = {kind: set() for kind in KINDS}
    start_phase(job.pk, "check", job.total_rows)
    spool = Spool()
    mapped = [name for name in COUNTERS if name in job.columns]
    writer = early_writer(mapped) if early else None
    try:
        with job.file.open("rb") as stream:
            for chunk in read_facts(stream, layout, job.columns, options, count):
                resolve(chunk, job.columns, defaults, resolver, unknown)
                days, period = split_periods(chunk.frame)
                if not period.empty:
                    periods.append(period)
                records = as_records(days)
                spool.append(records)
                if keys.add(records) and writer is not None:
                    writer.abandon()  # keys repeat within a chunk: the ordinary commit sums or reports them
                    writer = None
                if writer is not None:
                    writer.put(records)
                for kind in KINDS:
                    written_to[kind].update(np.unique(records[kind]).tolist())
                errors.extend(chunk.errors)
                skipped.extend(chunk.skipped)
                record_progress(job.pk, min(count.total, job.total_rows))
        combined = keys.combine(spool, job.headers, mapped)
        if writer is not None and combined.frame is not None:
            writer.abandon()  # rows to sum: the ordinary commit writes the sums
            writer = None
        period_reach, period_errors = period_reach_rows(periods, job.columns)
    except BaseException:
        spool.close()
        if writer is not None:
            writer.abandon()
        raise
    errors = sorted(errors + combined.errors + period_errors, key=lambda error: error["line"])
    return Checked(spool=spool, rows=spool.rows, errors=errors, skipped=skipped, count=count,
                   written_to=written_to, breakdown_rows=combined.breakdown_rows,
                   summed_into=combined.summed_into, unknown=unknown, period_reach=period_reach, writer=writer)


def _unknown_report(job, outcome):
    unknowns = sorted(outcome.unknown.values(), key=lambda unknown: (unknown.kind, -unknown.rows, unknown.name))
    known_ids = outcome.written_to.get("campaign", set())
    suggestions = suggest(job.uploaded_by, unknowns, known_ids=known_ids)
    return {kind: [unknown.as_report(suggestions.get(unknown.key, [])) for unknown in unknowns
                   if unknown.kind == kind] for kind in KINDS}


def _unknown_as_errors(outcome):
    for unknown in outcome.unknown.values():
        outcome.errors.append({"line": unknown.first_line, "column": unknown.kind, "reason": ngettext(
            "'%(name)s' is not mapped to a campaign or publisher you may import for (%(count)s line).",
            "'%(name)s' is not mapped to a campaign or publisher you may import for (%(count)s lines).",
            unknown.rows) % {"name": unknown.label, "count": unknown.rows}})
        outcome.unmapped_lines.update(unknown.lines)
    outcome.errors.sort(key=lambda error: error["line"])


def _start_step(job, status):
    job.status, job.processed_rows = status, 0
    job.save(update_fields=["status", "processed_rows"])
    clear_progress(job.pk)


def _refuse(job):
    job.status, job.finished_at = ImportJob.Status.REFUSED, timezone.now()
    job.message = _("Nothing was imported: some rows are no longer valid.")
    job.save()
    return job


def _refresh_rollups_on_commit(written):
    if not written.changed:
        return
    from reports.tasks import refresh_rollups

    advertiser_ids = set(Campaign.objects.filter(pk__in=written.campaign_ids)
                         .values_list("advertiser_id", flat=True))
    ranges = [(first.isoformat(), last.isoformat()) for first, last in ranges_of(written.days)]
    refresh_rollups.delay_on_commit(sorted(advertiser_ids), ranges)


def _check_mapping(columns, campaign, publisher, platform):
    if "day" not in columns:
        raise ValidationError(_("Choose the column that holds the date."))
    if not any(name in columns for name in COUNTERS):
        raise ValidationError(_("Choose at least one metric column."))
    fixed = {"campaign": campaign, "publisher": publisher, "platform": platform}
    missing = [name for name in IDENTITY_FIELDS[1:]
               if name not in columns and f"{name}_external_id" not in columns and not fixed[name]]
    if missing:
        raise ValidationError(_("The file has no column for: %(fields)s. Choose a value for every row "
                                "instead.") % {"fields": ", ".join(missing)})


def _may_write(user, campaign):
    return user.is_admin or campaign.project_lead_id == user.pk


def _require_owner(user, job):
    require_importer(user)
    if not (user.is_admin or job.uploaded_by_id == user.pk):
        raise PermissionDenied
