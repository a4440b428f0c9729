import logging

from celery import shared_task
from django.db import transaction
from django.utils.translation import gettext as _

from imports import services
from imports.models import ImportJob
from imports.reader.source import NeedsChoice
from outbox.relay import latest_for
from socialcrm.uploads import UploadError

logger = logging.getLogger(__name__)


@shared_task
def validate_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.VALIDATING).first()
    if job is not None:
        _run(job, services.validate)


@shared_task
def commit_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.IMPORTING).first()
    if job is not None:
        _run(job, services.commit)


@shared_task
def resume_stuck_imports():
    """Beat: a running import whose task is no longer on its way (recorded before the outbox,
    or given up after repeated crashes) is sent again, or failed with a reason."""
    step_tasks = {ImportJob.Status.VALIDATING: validate_import, ImportJob.Status.IMPORTING: commit_import}
    resumed = []
    for job in ImportJob.objects.filter(status__in=ImportJob.RUNNING):
        task = step_tasks[job.status]
        latest = latest_for(task.name, [job.pk])
        if latest is None and job.status == ImportJob.Status.IMPORTING and job.import_when_clean:
            latest = latest_for(validate_import.name, [job.pk])  # imported straight after its check, in that task
        if latest is not None and latest.status == latest.Status.FAILED:
            _fail(job, _("The import stopped repeatedly and was given up; nothing was written. "
                         "Please try again."))
        elif latest is None or latest.status == latest.Status.DONE:
            task.delay_on_commit(job.pk)
            resumed.append(job.pk)
    return resumed


def _run(job, step):
    """Run one step; an unreadable file or a crash marks the job failed instead of leaving it spinning."""
    try:
        step(job)
    except NeedsChoice as error:
        _ask(job, str(error))
    except UploadError as error:
        _fail(job, str(error))
    except Exception:
        logger.exception("Import %s failed", job.pk)
        _fail(job, _("The import failed unexpectedly; nothing was written. Please try again."))
        raise


def _ask(job, message):
    """The file can be read two ways: back to the mapping step, where the user chooses."""
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.UPLOADED, message=message[:500],
                                                   processed_rows=0)


def _fail(job, message):
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message=message[:500])
