"""Beat finds imports left "Checking rows" or "Importing" with no task on its way and resumes them."""

import pytest
from django.test import TestCase

from imports.models import ImportJob
from imports.tasks import resume_stuck_imports
from outbox.models import TaskMessage
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_job(alliance, sample, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Autumn Launch - Skincare", "Brand Awareness Q4",
                    "Singles Day Push")
    _response, job = run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
                                mapping={"publisher": alliance["publisher"].pk, "platform": "meta"}, mode=None)
    assert job.status == ImportJob.Status.VALIDATED
    return job


def test_an_import_stuck_checking_rows_without_a_task_is_checked_again(checked_job):
    ImportJob.objects.filter(pk=checked_job.pk).update(status=ImportJob.Status.VALIDATING, processed_rows=0)
    TaskMessage.objects.all().delete()  # e.g. queued before the outbox existed, and lost
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert resume_stuck_imports() == [checked_job.pk]
    checked_job.refresh_from_db()
    assert checked_job.status == ImportJob.Status.VALIDATED and checked_job.good_rows == 42


def test_an_import_whose_task_is_on_its_way_is_left_alone(checked_job):
    ImportJob.objects.filter(pk=checked_job.pk).update(status=ImportJob.Status.VALIDATING)
    TaskMessage.objects.filter(task_name="imports.tasks.validate_import").update(status="sent")
    assert resume_stuck_imports() == []


def test_an_import_whose_task_was_given_up_fails_with_a_reason(checked_job):
    ImportJob.objects.filter(pk=checked_job.pk).update(status=ImportJob.Status.VALIDATING)
    TaskMessage.objects.filter(task_name="imports.tasks.validate_import").update(status="failed")
    assert resume_stuck_imports() == []
    checked_job.refresh_from_db()
    assert checked_job.status == ImportJob.Status.FAILED and "given up" in checked_job.message


def test_an_import_going_straight_from_its_check_to_the_commit_is_left_alone_while_that_task_runs(checked_job):
    """Imported straight after the check, the commit runs inside the check's task: no commit task
    of its own is on its way, and beat must not send a second one meanwhile."""
    ImportJob.objects.filter(pk=checked_job.pk).update(status=ImportJob.Status.IMPORTING, import_when_clean=True)
    TaskMessage.objects.filter(task_name="imports.tasks.validate_import").update(status="sent")
    assert resume_stuck_imports() == []
    TaskMessage.objects.filter(task_name="imports.tasks.validate_import").update(status="done")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert resume_stuck_imports() == [checked_job.pk]  # that task ended without committing: commit now
    checked_job.refresh_from_db()
    assert checked_job.status == ImportJob.Status.DONE
