"""Every import view x every role x someone else's import: 404 for another's, 403 for a read-only role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from imports.services import upload_file
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db
ROLES = ("admin", "executive", "analyst", "am_a", "lead_a", "lead_b")
IMPORTERS = {"admin", "lead_a", "lead_b"}


@pytest.fixture
def job_of_lead_a(alliance):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    data = SimpleUploadedFile("a.csv", b"Date,Campaign,Impressions\n2026-10-01,Alpha,5\n")
    return upload_file(user=alliance["lead_a"], uploaded_file=data, source_name="Lead A source")


def _pages(job, publisher):
    return {
        "list": ("get", reverse("imports:import_list"), {}),
        "upload": ("get", reverse("imports:upload"), {}),
        "mapping": ("get", reverse("imports:mapping", args=[job.pk]), {}),
        "map": ("post", reverse("imports:mapping", args=[job.pk]),
                {"column_day": "Date", "column_campaign": "Campaign", "column_impressions": "Impressions",
                 "platform": "douyin", "publisher": publisher.pk}),
        "detail": ("get", reverse("imports:job_detail", args=[job.pk]), {}),
        "commit": ("post", reverse("imports:commit", args=[job.pk]), {"mode": "all"}),
        "rejected": ("get", reverse("imports:rejected_rows", args=[job.pk]), {}),
    }


def _expected(role, page):
    if page == "list":
        return 200 if role in IMPORTERS | {"executive", "analyst"} else 403
    if role not in IMPORTERS:
        return 403
    if page == "upload":
        return 200
    if role == "lead_b":
        return 404  # someone else's import
    if page in ("map", "commit"):
        return 302
    if page == "rejected":
        return 403  # no report yet
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_import_views_by_role(client, alliance, job_of_lead_a, role):
    client.force_login(alliance[role])
    for page, (method, url, data) in _pages(job_of_lead_a, alliance["publisher"]).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == _expected(role, page), (role, page)
    if role not in ("admin", "lead_a"):
        assert ImportJob.objects.get(pk=job_of_lead_a.pk).status == ImportJob.Status.UPLOADED
    assert DailyPerformance.objects.count() == 0


def test_read_only_roles_see_import_history_of_visible_campaigns_only(client, alliance, job_of_lead_a):
    ImportJob.objects.filter(pk=job_of_lead_a.pk).update(status=ImportJob.Status.DONE)
    secret = campaigns_named(alliance["lead_b"], alliance["secret"], "Hush")["Hush"]
    hidden = ImportJob.objects.create(uploaded_by=alliance["lead_b"], source=job_of_lead_a.source,
                                      original_name="hush-numbers.csv", size=1, content_hash="x",
                                      status=ImportJob.Status.DONE)
    hidden.campaigns.add(secret)
    client.force_login(alliance["analyst"])
    page = client.get(reverse("imports:import_list")).content.decode()
    assert "a.csv" in page and "hush-numbers.csv" not in page
    client.force_login(alliance["executive"])
    assert "hush-numbers.csv" in client.get(reverse("imports:import_list")).content.decode()
