"""Bad files and bad rows: clear reports, nothing lost, nothing doubled."""

import codecs
import csv
import io

import pytest
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from tests.imports.conftest import answer_names
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db

HEADER = "Date,Campaign,Impressions,Clicks,Spend,Revenue\n"
GOOD = ("2026-10-01,Alpha,1000,10,12.50,30\n"
        "2026/10/02,Alpha,\"2,000\",20,¥25.00,60\n"
        "\"October 3, 2026\",Alpha,3000,-,€30,90\n")
BAD = ("2026-13-01,Alpha,1000,10,1,1\n"          # line 5: impossible date
       "2026-10-04,Nobody,1000,10,1,1\n"          # line 6: unknown campaign
       "2026-10-05,Alpha,lots,-5,1,1\n"           # line 7: two bad cells
       "2026-10-01,Alpha,1,1,1,1\n"               # line 8: same key as line 2
       "2026-10-06,Alpha,1000,2.5%,1,1\n"         # line 9: a percentage where a count belongs
       "2099-01-01,Alpha,1,1,1,1\n")              # line 10: in the future


@pytest.fixture
def alpha(alliance):
    return campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")["Alpha"]


def _mapping(alliance):
    return {"publisher": alliance["publisher"].pk, "platform": "douyin"}


def test_every_bad_row_is_reported_with_line_column_and_reason(alliance, alpha, run_import):
    _response, job = run_import(alliance["lead_a"], (HEADER + GOOD + BAD).encode(), mapping=_mapping(alliance))
    assert job.status == ImportJob.Status.NAMES  # 'Nobody' is asked about first, once
    assert [item["name"] for item in job.unknown_names["campaign"]] == ["Nobody"]
    _response, job = run_import(alliance["lead_a"], (HEADER + GOOD + BAD).encode(), mapping=_mapping(alliance),
                                names={"Nobody": "skip"})
    assert job.status == ImportJob.Status.VALIDATED  # all-or-nothing refused to start
    reported = {(e["line"], e["column"]) for e in job.errors}
    assert reported == {(5, "Date"), (7, "Impressions"), (7, "Clicks"),
                        (8, "(whole line)"), (9, "Clicks"), (10, "Date")}
    assert [s["line"] for s in job.skipped] == [6]
    reasons = " ".join(e["reason"] for e in job.errors)
    assert "not a date" in reasons
    assert "as line 2" in reasons and "percentage" in reasons and "in the future" in reasons
    assert (job.good_rows, job.bad_rows) == (3, 5)
    assert DailyPerformance.objects.count() == 0


def test_whole_file_is_refused_when_a_row_is_bad(alliance, alpha, run_import, client):
    _response, job = run_import(alliance["lead_a"], (HEADER + GOOD + BAD).encode(), mapping=_mapping(alliance),
                                names={"Nobody": "skip"})
    response = client.post(reverse("imports:commit", args=[job.pk]), {"mode": "all"}, follow=True)
    assert "cannot be imported whole" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED and DailyPerformance.objects.count() == 0


def test_user_may_import_the_good_rows_and_download_the_rejected(alliance, alpha, run_import, client):
    _response, job = run_import(alliance["lead_a"], (HEADER + GOOD + BAD).encode(),
                                mapping=_mapping(alliance), mode="good", names={"Nobody": "skip"})
    assert job.status == ImportJob.Status.DONE and job.inserted == 3
    facts = DailyPerformance.objects.order_by("day")
    assert [(f.impressions, f.clicks, str(f.spend)) for f in facts] == [
        (1000, 10, "12.50"), (2000, 20, "25.00"), (3000, 0, "30.00")]
    response = client.get(reverse("imports:rejected_rows", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["5", "7", "8", "9", "10"]
    assert "not a date" in rows[1][-1]


def test_gbk_file_and_bom_file_read_the_same(alliance, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "春季新品")
    text = "日期,广告计划名称,展示数,点击数,消耗(元)\n2026/10/01,春季新品,\"1,234\",56,￥78.90\n"
    _r, gbk = run_import(alliance["lead_a"], text.encode("gbk"), mapping=_mapping(alliance))
    assert gbk.status == ImportJob.Status.DONE and gbk.inserted == 1
    _r, bom = run_import(alliance["lead_a"], codecs.BOM_UTF8 + text.encode("utf-8"), mapping=_mapping(alliance))
    assert bom.status == ImportJob.Status.DONE and (bom.inserted, bom.updated, bom.unchanged) == (0, 0, 1)
    fact = DailyPerformance.objects.get()
    assert (fact.impressions, fact.clicks, str(fact.spend)) == (1234, 56, "78.90")


def test_duplicate_file_is_refused_with_a_clear_message(alliance, alpha, run_import):
    data = (HEADER + GOOD).encode()
    _r, first = run_import(alliance["lead_a"], data, mapping=_mapping(alliance))
    assert first.status == ImportJob.Status.DONE
    response, second = run_import(alliance["lead_a"], data, mapping=_mapping(alliance))
    assert second is None and response.status_code == 400
    assert "already imported" in response.content.decode()
    assert ImportJob.objects.count() == 1 and DailyPerformance.objects.count() == 3


def test_reimporting_the_same_rows_changes_nothing_and_a_correction_updates(alliance, alpha, run_import):
    _r, first = run_import(alliance["lead_a"], (HEADER + GOOD).encode(), mapping=_mapping(alliance))
    before = list(DailyPerformance.objects.order_by("pk").values())
    _r, again = run_import(alliance["lead_a"], (HEADER + GOOD + "\n").encode(), mapping=_mapping(alliance))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert list(DailyPerformance.objects.order_by("pk").values()) == before
    corrected = HEADER + "2026-10-01,Alpha,1500,10,12.50,30\n"
    _r, fix = run_import(alliance["lead_a"], corrected.encode(), mapping=_mapping(alliance))
    assert (fix.inserted, fix.updated) == (0, 1)
    assert DailyPerformance.objects.count() == 3
    assert DailyPerformance.objects.get(day="2026-10-01").impressions == 1500


def test_a_file_without_revenue_keeps_the_revenue_already_imported(alliance, alpha, run_import):
    run_import(alliance["lead_a"], (HEADER + GOOD).encode(), mapping=_mapping(alliance))
    spend_only = "Date,Campaign,Spend\n2026-10-01,Alpha,99.00\n"
    run_import(alliance["lead_a"], spend_only.encode(), mapping=_mapping(alliance))
    fact = DailyPerformance.objects.get(day="2026-10-01")
    assert (str(fact.spend), str(fact.revenue), fact.impressions) == ("99.00", "30.00", 1000)


def test_oversize_file_is_refused_before_parsing(alliance, alpha, run_import, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    data = (HEADER + GOOD * 20000).encode()
    response, job = run_import(alliance["lead_a"], data, mapping=_mapping(alliance))
    assert job is None and response.status_code == 400
    assert "the limit is 1.0\xa0MB" in response.content.decode()
    assert ImportJob.objects.count() == 0 and DailyPerformance.objects.count() == 0


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01\x02binary", "does not look like a text"),
    (b"", "empty"),
    (b"just,some,words\n1,2,3\n", "No header line found"),
])
def test_unreadable_files_get_a_clear_message(alliance, run_import, data, message):
    response, job = run_import(alliance["lead_a"], data)
    assert job is None and response.status_code == 400
    assert message in response.content.decode()


def test_xlsx_file_imports_like_csv(alliance, alpha, run_import):
    from datetime import date

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Weekly export"])
    sheet.append(["Date", "Campaign", "Impressions", "Spend"])
    sheet.append([date(2026, 10, 1), "Alpha", 1200, 15.5])
    sheet.append(["Total", None, 1200, 15.5])
    stream = io.BytesIO()
    workbook.save(stream)
    _r, job = run_import(alliance["lead_a"], stream.getvalue(), name="export.xlsx", mapping=_mapping(alliance))
    assert job.status == ImportJob.Status.DONE and job.inserted == 1
    assert str(DailyPerformance.objects.get().spend) == "15.50"


def test_a_lead_cannot_import_into_someone_elses_campaign(alliance, run_import, client, django_capture_on_commit_callbacks):
    beta = campaigns_named(alliance["lead_b"], alliance["adv_b"], "Beta")["Beta"]
    text = "Date,Campaign,Impressions\n2026-10-01,Beta,5\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=_mapping(alliance))
    assert job.status == ImportJob.Status.NAMES and job.unknown_names["campaign"][0]["suggestions"] == []
    page = client.get(reverse("imports:names", args=[job.pk])).content.decode()
    assert "Beta" in page and f'value="{beta.pk}"' not in page  # named by the file, never offered
    response = answer_names(client, job, {"Beta": beta}, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.status == ImportJob.Status.NAMES and DailyPerformance.objects.count() == 0
