"""Importing a platform's post export (CSV or XLSX) into one profile.

1. `upload_export`: the file is stored, read by the one tolerant reader (imports.reader: any
   encoding and delimiter, title lines above the header skipped) and its columns guessed from the
   header names, with the answer remembered for this platform overriding the guess.
2. `run_import`: the user confirms the mapping (remembered for the platform's next file); every
   row is checked (post_rows) and every problem reported by line; only a clean file is written,
   upserted by post ID: importing the same or an updated export again replaces, never doubles.
"""

import pandas as pd
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from imports.reader.numbers import Evidence
from imports.reader.plain import _text as plain_text
from imports.reader.report import row_error
from imports.reader.source import NeedsChoice, UploadError
from imports.reader.table import LineCount, detect_layout, iter_chunks
from social import columns as post_columns
from social.metrics import COUNTERS
from social.models import PostColumnMapping, PostImport
from social.post_rows import MAX_ROWS, check_rows
from social.posts import upsert_posts
from socialcrm.uploads import read_upload_bytes
from socialcrm.visibility import ensure_can_work_on_social


def upload_export(*, actor, profile, uploaded_file, request=None):
    """Store and read the header of an export; raises UploadError for an unreadable file."""
    ensure_can_work_on_social(actor, profile.account)
    data = read_upload_bytes(uploaded_file)
    layout = detect_layout(data, post_columns.header_score, min_score=1,
                           not_found=_("No column of this file looks like a post export column."))
    headers = list(layout.headers)
    mapping = post_columns.guess(headers)
    remembered = PostColumnMapping.objects.filter(platform=profile.platform).first()
    if remembered:
        mapping.update({field: header for field, header in remembered.columns.items() if header in headers})
    job = PostImport(profile=profile, uploaded_by=actor, original_name=uploaded_file.name[:255],
                     headers=headers, columns=mapping)
    job.file.save(uploaded_file.name, ContentFile(data), save=False)
    job.save()
    record(actor=actor, action="social.posts_uploaded", target=job, request=request,
           changes={"file": job.original_name, "profile": str(profile)})
    return job


def check_mapping(columns, headers):
    """The problems of a mapping {field: header}: required fields and unknown headers."""
    problems = [_("Choose the column for “%(field)s”.") % {"field": post_columns.LABELS[name]}
                for name in post_columns.REQUIRED if not columns.get(name)]
    problems += [_("The file has no column “%(header)s”.") % {"header": header}
                 for header in columns.values() if header and header not in headers]
    if not any(columns.get(name) for name in COUNTERS):
        problems.append(_("Choose at least one metric column."))
    return problems


def run_import(*, actor, job, columns, request=None):
    """Check every row and, when all are good, upsert them. Returns the job with its outcome."""
    ensure_can_work_on_social(actor, job.profile.account)
    columns = {name: header for name, header in columns.items() if header}
    problems = check_mapping(columns, job.headers)
    if problems:
        raise UploadError(" ".join(problems))
    PostColumnMapping.objects.update_or_create(platform=job.profile.platform,
                                               defaults={"columns": columns, "updated_by": actor})
    job.columns = columns
    rows, errors, delimiter = _rows(job, columns)
    records = []
    if not errors:
        try:
            mark = _decimal_mark(rows, delimiter)
        except NeedsChoice as error:
            errors = [row_error(0, "", str(error))]
        else:
            records, errors = check_rows(rows, actor=actor, profile=job.profile, mark=mark)
    with transaction.atomic():
        if errors:
            job.status, job.errors, job.created, job.updated = PostImport.Status.REJECTED, errors[:1000], 0, 0
        else:
            job.created, job.updated = upsert_posts(job.profile, records)
            job.status, job.errors = PostImport.Status.DONE, []
        job.save()
        record(actor=actor, action="social.posts_imported", target=job, request=request,
               changes={"status": job.status, "created": job.created, "updated": job.updated,
                        "errors": len(errors)})
    return job


def _rows(job, columns):
    """([(line, {field: cell})], the lines the reader could not read, the delimiter)."""
    with job.file.open("rb") as stored:
        data = stored.read()
    layout = detect_layout(data, post_columns.header_score, min_score=1)
    rows, errors = [], []
    for chunk in iter_chunks(data, layout, LineCount(), multiline_ok=True):
        for line, cells in zip(chunk.lines, chunk.frame.itertuples(index=False, name=None), strict=True):
            by_header = dict(zip(layout.headers, cells, strict=True))
            rows.append((line, {field: _cell(by_header.get(header)) for field, header in columns.items()}))
        errors.extend(row_error(problem["line"], problem["column"], problem["reason"])
                      for problem in chunk.problems)
        if len(rows) > MAX_ROWS:
            return [], [row_error(0, "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS})], ","
    return rows, errors, layout.delimiter


def _cell(value):
    """Numbers and dates of an XLSX stay typed; text is trimmed."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if hasattr(value, "year"):
        return value
    return plain_text(value)


def _decimal_mark(rows, delimiter):
    """The file's decimal mark, from every counter column (imports.reader.numbers.Evidence)."""
    evidence = Evidence()
    lines = [line for line, _row in rows]
    for name in COUNTERS:
        texts = pd.Series([row.get(name) for _line, row in rows], dtype=object)
        texts = texts[texts.map(lambda value: isinstance(value, str) and value != "")]
        if not texts.empty:
            evidence.add(texts, lines)
    return evidence.decide(delimiter)
