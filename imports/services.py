"""Writes of the import: upload -> column mapping -> validation report -> commit.

Who may import: admins, and project leads for the campaigns they lead (a file's campaign names
resolve only among those). Executives, analysts and account managers read results; they do not
write facts. Validation and the commit run in Celery tasks (imports.tasks) with progress.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from campaigns.models import Campaign
from imports.columns import FIELDS, IDENTITY_FIELDS, guess, header_score
from imports.models import ImportJob, SourceMapping
from imports.reader.report import rejected_table
from imports.reader.table import Layout, LineCount, detect_layout, estimated_rows, iter_chunks
from imports.rows import ReadingOptions, Resolver, combine, read_facts, records, resolve
from imports.writer import upsert_facts
from reports.kpis import COUNTERS
from reports.periods import ranges_of
from socialcrm.uploads import UploadError, read_upload_bytes
from socialcrm.visibility import require_importer


def upload_file(*, user, uploaded_file, source_name, request=None):
    """Store the file and find its header. Refuses over-size files before reading them and
    files whose exact content was imported before."""
    require_importer(user)
    data = read_upload_bytes(uploaded_file)  # raises UploadError when over the size limit
    content_hash = hashlib.sha256(data).hexdigest()
    earlier = ImportJob.objects.filter(content_hash=content_hash, status=ImportJob.Status.DONE).first()
    if earlier:
        raise UploadError(
            _("This exact file was already imported on %(when)s (“%(name)s”, import #%(pk)s). "
              "Importing it again would change nothing.")
            % {"when": timezone.localtime(earlier.finished_at).strftime("%Y-%m-%d %H:%M"),
               "name": earlier.original_name, "pk": earlier.pk}
        )
    layout = find_layout(data)
    source_name = source_name.strip()
    with transaction.atomic():
        source, _created = SourceMapping.objects.get_or_create(
            name=source_name, defaults={"updated_by": user, "columns": {}})
        job = ImportJob(
            uploaded_by=user, source=source, original_name=uploaded_file.name[:255], size=len(data),
            content_hash=content_hash, header_line=layout.header_line, headers=list(layout.headers),
            total_rows=estimated_rows(data, layout),
            columns=remembered_columns(source, list(layout.headers)), platform=source.platform,
            publisher=source.publisher,
        )
        job.file.save(f"{content_hash[:16]}-{uploaded_file.name[-80:]}", ContentFile(data), save=False)
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
                 request=None):
    """Record the mapping (also as the source's default for next time) and start validation."""
    _require_owner(user, job)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED, ImportJob.Status.REFUSED):
        raise ValidationError(_("This import can no longer be changed."))
    columns = {name: header for name, header in columns.items() if name in FIELDS and header in job.headers}
    _check_mapping(columns, campaign, publisher, platform)
    if campaign is not None and not _may_write(user, campaign):
        raise PermissionDenied
    from imports.tasks import validate_import

    with transaction.atomic():
        job.columns, job.campaign, job.publisher, job.platform = columns, campaign, publisher, platform
        job.reading = {name: value for name, value in (reading or {}).items() if value}
        job.status, job.processed_rows, job.report, job.message = ImportJob.Status.VALIDATING, 0, {}, ""
        job.save()
        source = job.source
        source.columns = columns
        source.publisher = publisher or source.publisher
        source.platform = platform or source.platform
        source.updated_by = user
        source.save()
        record(actor=user, action="imports.map_columns", target=job, request=request, changes={"columns": columns})
        validate_import.delay_on_commit(job.pk)
    return job


def validate(job):
    """Check every row and store the report (called by the task)."""
    outcome = _check(job)
    job.report = outcome.report()
    job.good_rows, job.bad_rows = outcome.good_rows, len(outcome.rejected_lines)
    job.processed_rows = job.total_rows
    job.status = ImportJob.Status.VALIDATED
    job.save(update_fields=["report", "good_rows", "bad_rows", "processed_rows", "status"])
    return job


def start_commit(*, user, job, mode, request=None):
    """The user's decision after the report: everything (only when no row is bad) or the good rows."""
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
    from imports.tasks import commit_import

    with transaction.atomic():
        job.mode, job.status, job.processed_rows = mode, ImportJob.Status.IMPORTING, 0
        job.save(update_fields=["mode", "status", "processed_rows"])
        record(actor=user, action="imports.commit", target=job, request=request, changes={"mode": mode})
        commit_import.delay_on_commit(job.pk)
    return job


def commit(job):
    """Write the good rows in one transaction, then refresh the rollups they touched.

    Re-validates first (names or permissions may have changed since the report); in
    all-or-nothing mode any bad row refuses the whole file and writes nothing.
    """
    if job.status == ImportJob.Status.DONE:
        return job  # a retried task: the work is done
    outcome = _check(job)
    if job.mode == ImportJob.Mode.ALL_OR_NOTHING and outcome.errors:
        return _refuse(job, outcome)
    mapped = [name for name in COUNTERS if name in job.columns]
    with transaction.atomic():
        written = upsert_facts(list(records(outcome.frame, mapped)), mapped)
        job.inserted, job.updated, job.unchanged = written.inserted, written.updated, written.unchanged
        job.good_rows, job.bad_rows = outcome.good_rows, len(outcome.rejected_lines)
        job.report = outcome.report()
        job.status, job.finished_at = ImportJob.Status.DONE, timezone.now()
        job.processed_rows = job.total_rows
        job.save()
        job.campaigns.add(*{int(pk) for pk in outcome.frame["campaign"].unique()})
        _refresh_rollups_on_commit(written)
    return job


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

    frame: object
    errors: list
    skipped: list
    count: LineCount
    breakdown_rows: int = 0
    summed_into: int = 0

    @property
    def rejected_lines(self):
        return {error["line"] for error in self.errors}

    @property
    def good_rows(self):
        return len(self.frame) + self.breakdown_rows - self.summed_into

    def report(self):
        return {"errors": self.errors, "skipped": self.skipped, "rejected_lines": sorted(self.rejected_lines),
                "lines": self.count.as_dict(), "breakdown": {"rows": self.breakdown_rows,
                                                             "summed_into": self.summed_into}}


def _check(job):
    defaults = {"campaign": job.campaign_id, "publisher": job.publisher_id, "platform": job.platform}
    defaults = {name: value for name, value in defaults.items() if value and name not in job.columns}
    layout, resolver, count = job_layout(job), Resolver(job.uploaded_by), LineCount()
    options = ReadingOptions(**job.reading)
    frames, errors, skipped = [], [], []
    with job.file.open("rb") as stream:
        for chunk in read_facts(stream, layout, job.columns, options, count):
            resolve(chunk, job.columns, defaults, resolver)
            frames.append(chunk.frame)
            errors.extend(chunk.errors)
            skipped.extend(chunk.skipped)
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(count.total, job.total_rows))
    combined = combine(frames, job.headers, [name for name in COUNTERS if name in job.columns])
    errors = sorted(errors + combined.errors, key=lambda error: error["line"])
    return Checked(frame=combined.frame, errors=errors, skipped=skipped, count=count,
                   breakdown_rows=combined.breakdown_rows, summed_into=combined.summed_into)


def _refuse(job, outcome):
    job.status, job.finished_at = ImportJob.Status.REFUSED, timezone.now()
    job.report = outcome.report()
    job.bad_rows = len(outcome.rejected_lines)
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
    missing = [name for name in IDENTITY_FIELDS[1:] if name not in columns and not fixed[name]]
    if missing:
        raise ValidationError(_("The file has no column for: %(fields)s. Choose a value for every row "
                                "instead.") % {"fields": ", ".join(missing)})


def _may_write(user, campaign):
    return user.is_admin or campaign.project_lead_id == user.pk


def _require_owner(user, job):
    require_importer(user)
    if not (user.is_admin or job.uploaded_by_id == user.pk):
        raise PermissionDenied
