"""Uploads are streamed, never held whole in memory, and refused by size before any parsing."""

import codecs

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from imports.models import ImportJob
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db

HEADER = "Report: October\nDate,Campaign,Impressions\n"


def _body(lines):
    return "".join(f"2026-10-{1 + index % 28:02d},上新 {index},{index}\n" for index in range(lines))


def test_the_import_limit_is_at_least_one_gigabyte_and_large_uploads_go_to_a_temporary_file():
    assert django_settings.IMPORT_MAX_BYTES >= 1024 ** 3
    assert django_settings.FILE_UPLOAD_HANDLERS[0] == "socialcrm.upload_handlers.SizeLimitUploadHandler"
    assert "django.core.files.uploadhandler.TemporaryFileUploadHandler" in django_settings.FILE_UPLOAD_HANDLERS
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


def test_an_oversize_upload_is_refused_before_anything_is_parsed_or_stored(alliance, client, settings,
                                                                          monkeypatch, tmp_path):
    settings.IMPORT_MAX_BYTES = 100 * 1024

    def never(*args, **kwargs):
        raise AssertionError("parsed an oversize file")

    monkeypatch.setattr("imports.services.find_layout", never)
    monkeypatch.setattr("imports.services.sha256_of", never)
    client.force_login(alliance["lead_a"])
    data = (HEADER + _body(20_000)).encode()
    response = client.post(reverse("imports:upload"),
                           {"file": SimpleUploadedFile("big.csv", data), "source": "Big"})
    assert response.status_code == 400
    assert "the limit is 100.0\xa0KB" in response.content.decode()
    assert not ImportJob.objects.exists() and not list(tmp_path.rglob("*.csv"))


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    lambda text: text.encode("gb18030"),
], ids=["utf-8", "utf-16", "gb18030"])
def test_a_big_upload_is_hashed_stored_and_counted_without_being_read_whole(
        alliance, client, monkeypatch, settings, encode):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # this upload goes to a temporary file, as big ones do
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    data = encode(HEADER + _body(3000))
    read_sizes = []

    def read(self, size=-1):
        read_sizes.append(size)
        return self.file.read(size)

    monkeypatch.setattr(TemporaryUploadedFile, "read", read)
    client.force_login(alliance["lead_a"])
    response = client.post(reverse("imports:upload"),
                           {"file": SimpleUploadedFile("big.csv", data), "source": "Big"})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.header_line, job.headers, job.total_rows) == (2, ["Date", "Campaign", "Impressions"], 3000)
    assert read_sizes and -1 not in read_sizes and None not in read_sizes  # never read whole
    with job.file.open("rb") as stored:
        assert stored.read() == data


def test_a_person_has_at_most_two_imports_running_at_once(alliance, client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from imports.models import ImportJob, SourceMapping

    lead = alliance["lead_a"]
    source = SourceMapping.objects.create(name="Meta", updated_by=lead)
    for status in (ImportJob.Status.VALIDATING, ImportJob.Status.IMPORTING):
        ImportJob.objects.create(uploaded_by=lead, source=source, status=status, original_name="big.csv",
                                 size=10, content_hash=status)
    client.force_login(lead)
    upload = SimpleUploadedFile("next.csv", b"Date,Campaign,Spend\n2026-10-01,A,1\n", content_type="text/csv")
    response = client.post(reverse("imports:upload"), {"file": upload, "source": "Meta"})
    assert response.status_code == 400
    assert "2 imports being checked or written" in response.content.decode()
    assert ImportJob.objects.count() == 2
