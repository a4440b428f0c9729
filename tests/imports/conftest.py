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

    def run(user, data, *, name="export.csv", source="Test source", mapping=None, mode="all", names=None,
            outside="extend"):
        """`names` answers the mapping step of platform campaigns: {platform name: campaign or "skip"};
        `outside` the question about rows dated outside their campaign's dates (asked only when the
        check found some: the sample files' days often precede the test campaigns' start)."""
        client.force_login(user)
        upload = SimpleUploadedFile(name, data, content_type="text/csv")
        response = client.post(reverse("imports:upload"), {"file": upload, "source": source})
        if response.status_code != 302:
            return response, None
        job = ImportJob.objects.latest("pk")
        form = {f"column_{field}": header for field, header in job.columns.items()}
        form.update({"publisher": job.publisher_id or "", "platform": job.platform})  # preselected, as on the page
        form.update(mapping or {})
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:mapping", args=[job.pk]), form)
        job.refresh_from_db()
        if names is not None and job.status == ImportJob.Status.NAMES:
            answer_names(client, job, names, django_capture_on_commit_callbacks)
            job.refresh_from_db()
        if mode and job.status == ImportJob.Status.VALIDATED:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(reverse("imports:commit", args=[job.pk]), {"mode": mode, "outside": outside})
            job.refresh_from_db()
        return response, job

    return run


def answer_names(client, job, names, capture):
    """Post the platform-campaign mapping step: each unknown name gets names[name] (a campaign or
    account, its pk, or "skip")."""
    form = {}
    for kind in ("campaign", "publisher"):
        for index, item in enumerate(job.unknown_names.get(kind, [])):
            answer = names[item["name"] or item["external_id"]]
            form[f"{kind}_{index}"] = getattr(answer, "pk", answer)
    with capture(execute=True):
        return client.post(reverse("imports:names", args=[job.pk]), form)
