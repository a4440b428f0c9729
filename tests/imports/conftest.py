from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportJob

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sample():
    def read(name):
        return (SAMPLES / name).read_bytes()

    return read


@pytest.fixture
def run_import(client, django_capture_on_commit_callbacks):
    """Drive the import through its pages as `user`: upload, map, check, optionally commit."""

    def run(user, data, *, name="export.csv", source="Test source", mapping=None, mode="all"):
        client.force_login(user)
        upload = SimpleUploadedFile(name, data, content_type="text/csv")
        response = client.post(reverse("imports:upload"), {"file": upload, "source": source})
        if response.status_code != 302:
            return response, None
        job = ImportJob.objects.latest("pk")
        form = {f"column_{field}": header for field, header in job.columns.items()}
        form.update(mapping or {})
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:mapping", args=[job.pk]), form)
        job.refresh_from_db()
        if mode and job.status == ImportJob.Status.VALIDATED:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(reverse("imports:commit", args=[job.pk]), {"mode": mode})
            job.refresh_from_db()
        return response, job

    return run
