"""Hypothesis-generated files against every upload endpoint: never a 500, a refused file writes
nothing, every refused row is reported with its spreadsheet line."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accounts.imports import ACCOUNT_COLUMNS, CONTACT_COLUMNS
from accounts.models import Account, Contact
from campaigns.models import DailyPerformance
from feedback.imports import REQUIRED_COLUMNS as FEEDBACK_COLUMNS
from feedback.models import Feedback
from imports.models import ImportJob

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
HOSTILE_CELLS = ('"', '""quoted""', "line\nbreak", "cr\r\nlf", "nul\x00byte", ",", "=1+1", "@SUM(A1)",
                 "x" * 5000, "2026-13-45", "-1", "yes", "advertiser", "publisher", "brand", "广告主",
                 "<img src=x onerror=alert(1)>", "", " ")
cells = st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=40))


@st.composite
def csv_files(draw, columns):
    """A CSV with (mostly) the right header, hostile cells, duplicated rows, in any encoding."""
    header = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns) + 2))
    if draw(st.booleans()):
        header = list(columns)  # the well-formed header, so rows reach row validation
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=6))
    if rows and draw(st.booleans()):
        rows.append(list(rows[0]))  # a duplicate key
    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    return text.getvalue().encode(draw(st.sampled_from(ENCODINGS)))


def files_for(columns):
    return st.one_of(csv_files(columns), st.binary(max_size=3000))


def _post(client, name, data, **fields):
    upload = SimpleUploadedFile("fuzz.csv", data, content_type="text/csv")
    return client.post(reverse(name), {"file": upload, **fields})


def _assert_refusal_is_reported(response, report_key):
    report = response.context.get(report_key) if response.context else None
    if report is None or report.ok:
        return
    for error in report.errors:
        line, column, reason = error["line"], error["column"], error["reason"]
        assert isinstance(line, int) and reason, (line, column, reason)
        assert line >= 2 or not column, f"row error without a spreadsheet line: {column}: {reason}"


def _fuzz_simple_import(client, rolled_back, url_name, report_key, models, data):
    """POST `data`; a response that is not a success leaves every table of `models` untouched."""
    before = [model.objects.count() for model in models]
    with rolled_back():
        response = _post(client, url_name, data)
        after = [model.objects.count() for model in models]
    assert response.status_code in (200, 302, 400), response.status_code
    event(f"HTTP {response.status_code}, rows {'written' if after != before else 'unchanged'}")
    if response.status_code != 302:
        assert after == before, f"a refused file wrote rows: {before} -> {after}"
        _assert_refusal_is_reported(response, report_key)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "columns", "report_key", "models"), [
    ("accounts:account_import", ACCOUNT_COLUMNS, "report", (Account, Contact)),
    ("accounts:contact_import", CONTACT_COLUMNS, "report", (Account, Contact)),
    ("feedback:import", FEEDBACK_COLUMNS, "result", (Feedback,)),
])
def test_account_contact_and_feedback_imports_survive_hostile_files(
        url_name, columns, report_key, models, alliance, client, rolled_back):
    client.force_login(alliance["am_a"])

    @FUZZ
    @given(data=files_for(columns))
    def check(data):
        _fuzz_simple_import(client, rolled_back, url_name, report_key, models, data)

    check()


def _map_and_commit(client, job, facts, on_commit):
    """Confirm the guessed mapping; a file with bad rows committed all-or-nothing writes no fact."""
    form = {f"column_{field}": header for field, header in job.columns.items()}
    with on_commit(execute=True):
        assert client.post(reverse("imports:mapping", args=[job.pk]), form).status_code < 500
    job.refresh_from_db()
    event(f"job {job.status}{' with bad rows' if job.bad_rows else ''}")
    if job.status == ImportJob.Status.VALIDATED and job.bad_rows:
        with on_commit(execute=True):
            client.post(reverse("imports:commit", args=[job.pk]), {"mode": "all", "outside": "extend"})
        job.refresh_from_db()
        assert DailyPerformance.objects.count() == facts, "a refused file wrote facts"
        assert job.inserted == 0 and job.status != ImportJob.Status.DONE


@pytest.mark.django_db
def test_performance_import_survives_hostile_files(alliance, client, rolled_back,
                                                   django_capture_on_commit_callbacks):
    client.force_login(alliance["lead_a"])
    columns = ("day", "campaign", "publisher", "platform", "impressions", "clicks", "conversions",
               "spend", "revenue")

    @FUZZ
    @given(data=files_for(columns))
    def check(data):
        facts = DailyPerformance.objects.count()
        with rolled_back():
            with django_capture_on_commit_callbacks(execute=True):
                response = _post(client, "imports:upload", data, source="Fuzz source")
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 302:
                _map_and_commit(client, ImportJob.objects.latest("pk"), facts,
                                django_capture_on_commit_callbacks)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "user", "fields"), [
    ("accounts:account_import", "am_a", {}),
    ("accounts:contact_import", "am_a", {}),
    ("feedback:import", "am_a", {}),
    ("imports:upload", "lead_a", {"source": "Big source"}),
])
def test_over_size_files_are_refused_before_parsing(url_name, user, fields, alliance, client,
                                                    settings, row_counts):
    settings.IMPORT_MAX_BYTES = 1024  # the performance import (streamed)
    settings.TABLE_IMPORT_MAX_BYTES = 1024  # account, contact and feedback imports (read whole)
    client.force_login(alliance[user])
    before = row_counts()
    response = _post(client, url_name, b"name\n" + b"a,b,c\n" * 1000, **fields)
    assert response.status_code in (200, 400)
    assert "MB" in response.content.decode() or "1.0\xa0KB" in response.content.decode()
    assert row_counts() == before
