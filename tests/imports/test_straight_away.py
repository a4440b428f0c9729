"""Import straight away when every row is good: one step for a clean file (all or nothing), the
report as usual for anything else; on PostgreSQL the rows are upserted while the check reads on,
and nothing of that remains when the check finds a reason to stop."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Sum

from audit.models import AuditEntry
from campaigns.models import DailyPerformance
from imports import early_write, services
from imports.models import ImportJob
from tests.imports.factories import campaigns_named

DAYS = [date(2026, 10, 1) + timedelta(days=n) for n in range(6)]


def _campaign(alliance, name="Alpha"):
    campaign = campaigns_named(alliance["lead_a"], alliance["adv_a"], name)[name]
    campaign.start_on, campaign.end_on = date(2026, 9, 1), date(2026, 12, 31)
    campaign.launch_on = campaign.start_on
    campaign.save()
    return campaign


def _export(lines):
    return ("Date,Campaign,Impressions,Spend\n" + "".join(f"{line}\n" for line in lines)).encode()


CLEAN = [f"{day:%Y-%m-%d},Alpha,{1000 + n},{n}.50" for n, day in enumerate(DAYS)]


def _spend():
    return DailyPerformance.objects.aggregate(total=Sum("spend"))["total"]


# Through the pages (the test's transaction: the ordinary commit runs right after the check).

@pytest.mark.django_db
def test_a_clean_file_is_imported_in_one_step_when_asked(alliance, run_import):
    _campaign(alliance)
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta", "import_when_clean": "on"}
    _r, job = run_import(alliance["lead_a"], _export(CLEAN), mapping=fixed, mode=None)
    assert (job.status, job.mode, job.inserted) == (ImportJob.Status.DONE, ImportJob.Mode.ALL_OR_NOTHING, 6)
    assert _spend() == Decimal("18.00")  # 0.50 + 1.50 + ... + 5.50
    entry = AuditEntry.objects.get(action="imports.commit", target_id=str(job.pk))
    assert entry.changes["straight_away"] is True


@pytest.mark.django_db
def test_a_file_with_a_rejected_row_stops_at_the_report_and_writes_nothing(alliance, run_import):
    _campaign(alliance)
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta", "import_when_clean": "on"}
    _r, job = run_import(alliance["lead_a"], _export([*CLEAN, "2026-10-07,Alpha,12,abc"]), mapping=fixed,
                         mode=None)
    assert (job.status, job.bad_rows) == (ImportJob.Status.VALIDATED, 1)
    assert not DailyPerformance.objects.exists()


@pytest.mark.django_db
def test_unchecked_the_import_waits_for_the_users_decision_as_before(alliance, run_import):
    _campaign(alliance)
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta"}
    _r, job = run_import(alliance["lead_a"], _export(CLEAN), mapping=fixed, mode=None)
    assert job.status == ImportJob.Status.VALIDATED and not DailyPerformance.objects.exists()


# The services as the Celery task runs them (no transaction around them): on PostgreSQL the early
# writer upserts while the check reads, in chunks of two rows here.

@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr("imports.reader.table.CHUNK_ROWS", 2)


@pytest.fixture
def finishes(monkeypatch):
    """Records what each early writer ended with: True (committed), False (failed), "abandoned"."""
    ended = []
    finish, abandon = early_write.EarlyWriter.finish, early_write.EarlyWriter.abandon

    def spy_finish(self, bookkeeping):
        ended.append(result := finish(self, bookkeeping))
        return result

    def spy_abandon(self):
        if was_open := abandon(self):
            ended.append("abandoned")
        return was_open

    monkeypatch.setattr(early_write.EarlyWriter, "finish", spy_finish)
    monkeypatch.setattr(early_write.EarlyWriter, "abandon", spy_abandon)
    return ended


def _import(alliance, data, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    upload = ContentFile(data, name="export.csv")
    job = services.upload_file(user=alliance["lead_a"], uploaded_file=upload, source_name="Meta daily")
    job.refresh_from_db()
    services.save_mapping(user=alliance["lead_a"], job=job, columns=job.columns,
                          publisher=alliance["publisher"], platform="meta", import_when_clean=True)
    job.refresh_from_db()
    return job


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the early writer runs on PostgreSQL only (CI runs the suite there)")


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_rows_written_during_the_check_are_committed(
        alliance, small_chunks, finishes, settings, postgresql_only, tmp_path):
    _campaign(alliance)
    job = _import(alliance, _export(CLEAN), settings)
    assert (job.status, job.inserted, finishes) == (ImportJob.Status.DONE, 6, [True])
    assert _spend() == Decimal("18.00")
    assert list(job.campaigns.values_list("name", flat=True)) == ["Alpha"]


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_bad_last_row_rolls_back_what_was_written_during_the_check(
        alliance, small_chunks, finishes, settings, postgresql_only):
    _campaign(alliance)
    job = _import(alliance, _export([*CLEAN, "2026-10-07,Alpha,12,abc"]), settings)
    assert (job.status, finishes) == (ImportJob.Status.VALIDATED, ["abandoned"])
    assert not DailyPerformance.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("ad_set_first", [False, True], ids=["repeats-within-a-chunk", "repeats-across-chunks"])
def test_on_postgresql_a_breakdown_is_summed_by_the_ordinary_commit(
        alliance, small_chunks, finishes, settings, postgresql_only, caplog, ad_set_first):
    _campaign(alliance)
    rows = [(day, ad_set) for ad_set in "AB" for day in DAYS[:3]] if ad_set_first else \
        [(day, ad_set) for day in DAYS[:3] for ad_set in "AB"]
    data = ("Date,Campaign,Ad set,Impressions,Spend\n"
            + "".join(f"{day:%Y-%m-%d},Alpha,{ad_set},100,1.25\n" for day, ad_set in rows)).encode()
    job = _import(alliance, data, settings)
    assert (job.status, job.inserted, finishes) == (ImportJob.Status.DONE, 3, ["abandoned"])
    assert sorted(DailyPerformance.objects.values_list("spend", "impressions")) == [(Decimal("2.50"), 200)] * 3
    assert not [record for record in caplog.records if record.name == "imports.early_write"]


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_decimal_comma_revealed_late_is_read_again_and_written_right(
        alliance, small_chunks, finishes, settings, postgresql_only):
    """The first chunks read "1.250" as 1.25; a later "12,5" shows the file writes decimal commas:
    the first pass's rows are rolled back and the second pass writes 1250."""
    _campaign(alliance)
    data = (b'Date,Campaign,Spend\n2026-10-01,Alpha,"1.250"\n2026-10-02,Alpha,7\n'
            b'2026-10-03,Alpha,8\n2026-10-04,Alpha,"12,5"\n')
    job = _import(alliance, data, settings)
    assert (job.status, finishes) == (ImportJob.Status.DONE, ["abandoned", True])
    assert dict(DailyPerformance.objects.values_list("day", "spend"))[date(2026, 10, 1)] == Decimal("1250.00")


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_rows_outside_the_campaigns_dates_still_ask_first(
        alliance, small_chunks, finishes, settings, postgresql_only):
    campaign = _campaign(alliance)
    campaign.start_on = campaign.launch_on = date(2026, 10, 3)
    campaign.save()
    job = _import(alliance, _export(CLEAN), settings)
    assert (job.status, job.outside_rows, finishes) == (ImportJob.Status.VALIDATED, 2, ["abandoned"])
    assert not DailyPerformance.objects.exists()


@pytest.mark.django_db
def test_next_weeks_file_from_the_same_source_comes_ticked_and_imports_in_one_step(
        alliance, run_import, client, django_capture_on_commit_callbacks):
    """The box is remembered per source with the mapping: the next file's mapping page shows it
    ticked, and submitting the page as it comes imports the file."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    _campaign(alliance)
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta", "import_when_clean": "on"}
    run_import(alliance["lead_a"], _export(CLEAN), mapping=fixed, mode=None, source="Meta daily")
    next_week = _export([f"2026-10-{8 + n:02d},Alpha,2000,1.00" for n in range(3)])
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("week2.csv", next_week), "source": "Meta daily"})
    job = ImportJob.objects.latest("pk")
    page = client.get(reverse("imports:mapping", args=[job.pk])).content.decode()
    box = re.search(r'<input[^>]*name="import_when_clean"[^>]*>', page).group(0)
    assert " checked" in box, box
    form = {f"column_{field}": header for field, header in job.columns.items()}
    form.update(publisher=job.publisher_id, platform=job.platform, import_when_clean="on")  # the page as it comes
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:mapping", args=[job.pk]), form)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and _spend() == Decimal("21.00")


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_crash_after_the_check_leaves_no_transaction_open_and_nothing_written(
        alliance, small_chunks, finishes, settings, postgresql_only, monkeypatch):
    record = services.record

    def failing_record(*, action, **kwargs):
        if action == "imports.commit":
            raise RuntimeError("the audit trail is down")
        return record(action=action, **kwargs)

    monkeypatch.setattr(services, "record", failing_record)
    _campaign(alliance)
    with pytest.raises(RuntimeError):
        _import(alliance, _export(CLEAN), settings)
    job = ImportJob.objects.get()
    assert (job.status, finishes) == (ImportJob.Status.FAILED, ["abandoned"])
    assert not DailyPerformance.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND state LIKE 'idle in transaction%%'")
        assert cursor.fetchone()[0] == 0
