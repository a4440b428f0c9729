"""Writing facts: the PostgreSQL COPY path and the portable fallback store the same rows, in
chunks, idempotently; large loads refresh the planner's statistics; the page shows live progress."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports import writer
from imports.models import ImportJob
from imports.progress import record_progress, start_phase
from reports.kpis import COUNTERS
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db


def _records(campaign_ids, publisher_id, days, *, spend_bump=0):
    first = date(2026, 9, 1)
    money = {"spend": lambda offset: Decimal(f"{offset + spend_bump}.25"),
             "revenue": lambda offset: Decimal(f"{offset * 2}.50")}
    return [(campaign_id, publisher_id, "douyin", first + timedelta(days=offset),
             *[money[name](offset) if name in money else offset * 10 + index
               for index, name in enumerate(COUNTERS)])
            for campaign_id in campaign_ids for offset in range(days)]


def _stored():
    return sorted(DailyPerformance.objects.values_list(*writer.KEY, *COUNTERS))


def _written_by(path, batches):
    """Rows and counts after writing `batches` one after another with `path`, then rolled back."""
    with transaction.atomic():
        counts = [(written.inserted, written.updated, written.unchanged)
                  for written in (path(batch, COUNTERS) for batch in batches)]
        rows = _stored()
        transaction.set_rollback(True)
    return rows, counts


@pytest.fixture
def campaigns(alliance):
    named = campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha", "Beta", "Gamma")
    return [campaign.pk for campaign in named.values()]


def test_copy_path_on_postgresql_stores_the_same_rows_as_the_fallback(alliance, campaigns):
    if connection.vendor != "postgresql":
        pytest.skip("the COPY path exists on PostgreSQL only (CI runs the suite there)")
    publisher = alliance["publisher"].pk
    first = _records(campaigns, publisher, 20)
    # a corrected re-export: days 1-10 unchanged, 11-20 with other spend, 21-25 new
    second = _records(campaigns, publisher, 10) + [
        record for record in _records(campaigns, publisher, 25, spend_bump=1) if record[3] >= date(2026, 9, 11)]
    copied = _written_by(writer._upsert_postgres, [first, second])
    fallback = _written_by(writer._upsert_portable, [first, second])
    assert copied == fallback
    rows, counts = copied
    assert counts == [(60, 0, 0), (15, 30, 30)] and len(rows) == 75


def test_chunks_write_what_one_batch_writes_and_report_progress(alliance, campaigns):
    records = _records(campaigns, alliance["publisher"].pk, 7)
    done = []
    with transaction.atomic():
        chunked = writer.write_in_chunks(records, COUNTERS, chunk_rows=4, progress=done.append)
        rows = _stored()
        transaction.set_rollback(True)
    with transaction.atomic():
        whole = writer.upsert_facts(records, COUNTERS)
        assert _stored() == rows
    assert (chunked.inserted, chunked.campaign_ids, chunked.days) == (21, whole.campaign_ids, whole.days)
    assert done == [4, 8, 12, 16, 20, 21]


def test_writing_again_replaces_and_never_doubles(alliance, campaigns):
    records = _records(campaigns, alliance["publisher"].pk, 5)
    writer.write_in_chunks(records, COUNTERS, chunk_rows=4)
    again = writer.write_in_chunks(_records(campaigns, alliance["publisher"].pk, 5, spend_bump=3),
                                   COUNTERS, chunk_rows=4)
    assert (again.inserted, again.updated, again.unchanged) == (0, 15, 0)
    assert DailyPerformance.objects.count() == 15
    assert DailyPerformance.objects.get(campaign_id=campaigns[0], day=date(2026, 9, 1)).spend == Decimal("3.25")


def test_a_large_load_refreshes_the_planner_statistics(alliance, campaigns, run_import, monkeypatch):
    monkeypatch.setattr(writer, "ANALYZE_AFTER_ROWS", 10)
    lines = "".join(f"2026-09-{day:02d},Alpha,{day * 100}\n" for day in range(1, 13))
    analysed = []
    real = writer.analyze_after_large_load
    monkeypatch.setattr("imports.services.analyze_after_large_load",
                        lambda written: analysed.append(real(written)))
    _response, job = run_import(alliance["lead_a"], ("Date,Campaign,Impressions\n" + lines).encode(),
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"})
    assert job.status == ImportJob.Status.DONE and job.inserted == 12
    assert analysed == [connection.vendor == "postgresql"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [writer.TABLE])
            assert cursor.fetchone()[0] == 12  # the statistics count the rows just written


def test_a_small_load_is_not_analysed():
    assert writer.analyze_after_large_load(writer.Written(inserted=3)) is False


def test_running_import_shows_rows_done_and_time_left(alliance, campaigns, run_import, client):
    _response, job = run_import(alliance["lead_a"], b"Date,Campaign,Impressions\n2026-09-01,Alpha,5\n",
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"},
                                mode=None)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    start_phase(job.pk, "write", 1_000_000)
    record_progress(job.pk, 250_000)
    response = client.get(reverse("imports:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Writing to the database: 250000 of 1000000 rows" in page and "s left" in page
    assert 'aria-valuenow="25"' in page and 'hx-trigger="every 1s"' in page


def _frame(records):
    import pandas as pd

    frame = pd.DataFrame(records, columns=["campaign", "publisher", "platform", "day", *COUNTERS])
    for name in ("spend", "revenue"):
        frame[name] = (frame[name] * 100).astype("int64")  # a checked frame holds cents
    return frame


def test_a_checked_frame_is_written_exactly_as_its_tuples(alliance, campaigns):
    records = _records(campaigns, alliance["publisher"].pk, 6)
    with transaction.atomic():
        by_frame = writer.upsert_frame(_frame(records), COUNTERS)
        rows = _stored()
        transaction.set_rollback(True)
    by_tuples = writer.upsert_facts(records, COUNTERS)
    assert _stored() == rows and (by_frame.inserted, by_frame.days) == (by_tuples.inserted, by_tuples.days)
    assert list(writer.frame_records(_frame(records), COUNTERS)) == records


def _alpha_file(days):
    return ("Date,Campaign,Impressions,Spend\n"
            + "".join(f"2026-09-{day:02d},Alpha,{day * 100},{day}.05\n" for day in range(1, days + 1))).encode()


def test_the_commit_writes_the_checked_rows_without_parsing_the_file_again(
        alliance, campaigns, run_import, monkeypatch, django_capture_on_commit_callbacks):
    _response, job = run_import(alliance["lead_a"], _alpha_file(5), mode=None,
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"})
    assert job.status == ImportJob.Status.VALIDATED

    def never(*args, **kwargs):
        raise AssertionError("the commit parsed the file again")

    monkeypatch.setattr("imports.services.read_facts", never)
    from imports import services

    with django_capture_on_commit_callbacks(execute=True):
        services.start_commit(user=alliance["lead_a"], job=job, mode="all", outside="extend")
    job.refresh_from_db()
    assert (job.status, job.inserted) == (ImportJob.Status.DONE, 5)
    assert sorted(DailyPerformance.objects.values_list("spend", flat=True)) == [
        Decimal(f"{day}.05") for day in range(1, 6)]


@pytest.mark.parametrize(("mode", "status", "written"), [("all", ImportJob.Status.REFUSED, 0),
                                                          ("good", ImportJob.Status.DONE, 0)])
def test_a_campaign_handed_over_between_check_and_commit_is_not_written(
        alliance, campaigns, run_import, mode, status, written, django_capture_on_commit_callbacks):
    from campaigns.models import Campaign
    from imports import services

    _response, job = run_import(alliance["lead_a"], _alpha_file(3), mode=None,
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"})
    Campaign.objects.filter(name="Alpha").update(project_lead=alliance["lead_b"])
    with django_capture_on_commit_callbacks(execute=True):
        services.start_commit(user=alliance["lead_a"], job=job, mode=mode, outside="extend")
    job.refresh_from_db()
    assert job.status == status and DailyPerformance.objects.count() == written
    assert [error["line"] for error in job.errors] == [2]  # one error for the 3 lines
    assert "(3 lines)" in job.errors[0]["reason"] and job.report["rejected_lines"] == [2, 3, 4]
