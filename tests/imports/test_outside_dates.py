"""Facts that agree: rows dated outside their campaign's start..end are flagged when the file is
checked, and the user chooses: leave them out, or import them and extend the campaign's dates."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from campaigns.models import DailyPerformance
from imports import services
from imports.models import ImportJob
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START, END = TODAY - timedelta(days=30), TODAY - timedelta(days=10)
BEFORE, INSIDE_1, INSIDE_2, AFTER = (TODAY - timedelta(days=35), TODAY - timedelta(days=20),
                                     TODAY - timedelta(days=19), TODAY - timedelta(days=5))


@pytest.fixture
def alpha(alliance):
    return CampaignFactory(name="Alpha", advertiser=alliance["adv_a"], project_lead=alliance["lead_a"],
                           start_on=START, launch_on=START, end_on=END)


def export(*days):
    return ("Date,Campaign,Impressions,Spend\n"
            + "".join(f"{day.isoformat()},Alpha,{100 * (n + 1)},{n + 1}.00\n" for n, day in enumerate(days))).encode()


def checked(run_import, alliance, data):
    _response, job = run_import(alliance["lead_a"], data, mode=None,
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"})
    assert job.status == ImportJob.Status.VALIDATED
    return job


def commit(job, user, capture, *, mode="all", outside=""):
    with capture(execute=True):
        services.start_commit(user=user, job=job, mode=mode, outside=outside)
    job.refresh_from_db()
    return job


def stored_days():
    return sorted(DailyPerformance.objects.values_list("day", flat=True))


def test_the_check_flags_rows_outside_the_campaign_dates_and_asks(client, alliance, alpha, run_import):
    job = checked(run_import, alliance, export(BEFORE, INSIDE_1, INSIDE_2, AFTER))
    [flag] = job.outside
    assert (flag["name"], flag["rows"], flag["first_line"]) == ("Alpha", 2, 2)
    assert flag["ranges"] == [[BEFORE.isoformat()] * 2, [AFTER.isoformat()] * 2]
    assert (flag["start_on"], flag["end_on"]) == (START.isoformat(), END.isoformat())
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Rows dated outside their campaign" in page and BEFORE.isoformat() in page
    assert 'name="outside" value="reject" required' in page and 'name="outside" value="extend"' in page


def test_importing_without_choosing_writes_nothing_and_says_why(client, alliance, alpha, run_import,
                                                               django_capture_on_commit_callbacks):
    job = checked(run_import, alliance, export(BEFORE, INSIDE_1))
    with pytest.raises(ValidationError, match="1 row is dated outside its campaign's dates"):
        services.start_commit(user=alliance["lead_a"], job=job, mode="all")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:commit", args=[job.pk]), {"mode": "all"}, follow=True)
    assert response.status_code == 200 and "choose to leave it out" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED and DailyPerformance.objects.count() == 0


def test_leaving_them_out_writes_exactly_the_rows_inside(alliance, alpha, run_import,
                                                         django_capture_on_commit_callbacks):
    job = checked(run_import, alliance, export(BEFORE, INSIDE_1, INSIDE_2, AFTER))
    job = commit(job, alliance["lead_a"], django_capture_on_commit_callbacks, outside="reject")
    assert job.status == ImportJob.Status.DONE and job.outside_dates == "reject"
    assert stored_days() == [INSIDE_1, INSIDE_2]
    assert sorted(DailyPerformance.objects.values_list("impressions", flat=True)) == [200, 300]
    assert (job.inserted, job.good_rows, job.report["outside_result"]) == (2, 2, {"left_out": 2})
    alpha.refresh_from_db()
    assert (alpha.start_on, alpha.end_on) == (START, END)


def test_extending_writes_every_row_and_moves_the_campaign_dates(client, alliance, alpha, run_import,
                                                                 django_capture_on_commit_callbacks):
    job = checked(run_import, alliance, export(BEFORE, INSIDE_1, INSIDE_2, AFTER))
    job = commit(job, alliance["lead_a"], django_capture_on_commit_callbacks, outside="extend")
    assert job.status == ImportJob.Status.DONE and job.inserted == 4
    assert stored_days() == [BEFORE, INSIDE_1, INSIDE_2, AFTER]
    alpha.refresh_from_db()
    assert (alpha.start_on, alpha.end_on) == (BEFORE, AFTER)
    entry = AuditEntry.objects.get(action="campaigns.campaign.extended_to_facts")
    assert entry.changes["before"] == {"start_on": START.isoformat(), "end_on": END.isoformat()}
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Campaign dates extended" in page and f"{BEFORE.isoformat()} – {AFTER.isoformat()}" in page


def test_leaving_out_every_row_writes_nothing(alliance, alpha, run_import, django_capture_on_commit_callbacks):
    job = checked(run_import, alliance, export(BEFORE, AFTER))
    with pytest.raises(ValidationError, match="would import nothing"):
        commit(job, alliance["lead_a"], django_capture_on_commit_callbacks, outside="reject")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED and DailyPerformance.objects.count() == 0
    alpha.refresh_from_db()
    assert (alpha.start_on, alpha.end_on) == (START, END)


def test_the_good_rows_only_mode_leaves_out_bad_and_outside_rows(alliance, alpha, run_import,
                                                                 django_capture_on_commit_callbacks):
    data = export(BEFORE, INSIDE_1) + b"not a date,Alpha,1,1\n"
    job = checked(run_import, alliance, data)
    assert job.bad_rows == 1 and job.outside_rows == 1
    job = commit(job, alliance["lead_a"], django_capture_on_commit_callbacks, mode="good", outside="reject")
    assert stored_days() == [INSIDE_1]


def test_a_file_inside_the_dates_asks_nothing(alliance, alpha, run_import, django_capture_on_commit_callbacks):
    job = checked(run_import, alliance, export(INSIDE_1, INSIDE_2))
    assert job.outside == []
    job = commit(job, alliance["lead_a"], django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE and stored_days() == [INSIDE_1, INSIDE_2]
