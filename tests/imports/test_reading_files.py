"""Files of every kind people really have: read exactly, or refused with a clear reason and nothing
written. Driven through the import pages, as a user would."""

import codecs
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def alpha(alliance):
    return campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha", "Beta")["Alpha"]


@pytest.fixture
def fixed(alliance):
    return {"publisher": alliance["publisher"].pk, "platform": "meta"}


def totals():
    return DailyPerformance.objects.aggregate(spend=Sum("spend"), impressions=Sum("impressions"),
                                              revenue=Sum("revenue"))


def test_quoted_european_amounts_in_a_comma_csv_read_exactly(alliance, alpha, fixed, run_import):
    text = ('Date,Campaign,Impressions,Spend\n'
            '2026-10-01,Alpha,"1.200","3.500,64"\n'
            '2026-10-02,Alpha,"1.300","12,50"\n')
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert DailyPerformance.objects.get(day=date(2026, 10, 1)).spend == Decimal("3500.64")
    assert DailyPerformance.objects.get(day=date(2026, 10, 2)).spend == Decimal("12.50")
    assert totals()["impressions"] == 2500


def test_an_unquoted_thousands_number_is_a_field_count_error_never_a_shifted_row(alliance, alpha, fixed,
                                                                                   run_import):
    text = ("Date,Campaign,Impressions,Spend\n"
            "2026-10-01,Alpha,1000,10.00\n"
            "2026-10-02,Alpha,12,345,20.00\n")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.VALIDATED and (job.good_rows, job.bad_rows) == (1, 1)
    [error] = job.errors
    assert error["line"] == 3 and "5 fields; the header has 4" in error["reason"]
    assert "12,345" in error["reason"]
    assert DailyPerformance.objects.count() == 0  # all or nothing: refused whole


def test_a_download_cut_in_its_last_line_is_an_error_never_a_zero(alliance, alpha, fixed, run_import):
    text = ("Date,Campaign,Impressions,Spend,Revenue\n"
            "2026-10-01,Alpha,1000,10.00,30.00\n"
            "2026-10-02,Alpha,2000,20.00,60.00\n"
            "2026-10-03,Alpha,30")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed, mode="good")
    [error] = job.errors
    assert error["line"] == 4 and "cut off" in error["reason"]
    assert job.status == ImportJob.Status.DONE and job.inserted == 2
    assert totals() == {"spend": Decimal("30.00"), "impressions": 3000, "revenue": Decimal("90.00")}
    assert not DailyPerformance.objects.filter(day=date(2026, 10, 3)).exists()


def test_a_stray_quote_swallowing_lines_is_reported_and_every_line_accounted(alliance, alpha, fixed,
                                                                              run_import, client):
    text = ("Weekly report\n"
            "Date,Campaign,Impressions,Spend\n"
            "2026-10-01,Alpha,1000,10.00\n"
            '2026-10-02,Alpha,"2000,20.00\n'
            "2026-10-03,Alpha,3000,30.00\n"
            "\n"
            "2026-10-04,Alpha,4000,40.00\n"
            "Total,,10000,100.00\n")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed, mode="good")
    [error] = job.errors
    assert (error["line"], error["last_line"]) == (4, 8)  # the quote runs to the end of the file
    assert "Lines 4–8 were read as one row" in error["reason"]
    lines = job.report["lines"]
    assert lines == {"total": 8, "before_header": 2, "blank": 0, "skipped": 0, "read": 1, "rejected": 5}
    assert totals()["spend"] == Decimal("10.00")
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "4–8" in page and "8 lines in the file" in page


def test_a_breakdown_by_ad_set_is_summed_per_campaign_and_day_and_said_so(alliance, alpha, fixed,
                                                                           run_import, client):
    text = ("Day,Campaign name,Ad set name,Impressions,Amount spent (CNY),Purchases conversion value\n"
            "2026-10-01,Alpha,Women 18-24,100,10.10,20.00\n"
            "2026-10-01,Alpha,Women 25-34,200,20.20,40.00\n"
            "2026-10-01,Alpha,Men 18-24,300,30.30,60.00\n"
            "2026-10-02,Alpha,Women 18-24,400,40.40,80.00\n"
            "2026-10-02,Beta,Women 18-24,500,50.50,100.00\n")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert job.columns["revenue"] == "Purchases conversion value" and job.columns["spend"] == "Amount spent (CNY)"
    assert job.report["breakdown"] == {"rows": 3, "summed_into": 1}
    first = DailyPerformance.objects.get(campaign=alpha, day=date(2026, 10, 1))
    assert (first.impressions, first.spend, first.revenue) == (600, Decimal("60.60"), Decimal("120.00"))
    assert totals() == {"spend": Decimal("151.50"), "impressions": 1500, "revenue": Decimal("300.00")}
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "3 rows were a breakdown" in page and "summed into 1 daily rows" in page

    corrected = text.replace("300,30.30", "900,90.30")
    _r, again = run_import(alliance["lead_a"], corrected.encode(), mapping=fixed)
    assert again.status == ImportJob.Status.DONE and (again.inserted, again.updated) == (0, 1)
    first.refresh_from_db()
    assert (first.impressions, first.spend) == (1200, Decimal("120.60"))  # replaced, not doubled
    assert DailyPerformance.objects.count() == 3


def test_repeated_rows_without_a_breakdown_column_are_errors_not_silently_merged(alliance, alpha, fixed,
                                                                                   run_import):
    text = "Date,Campaign,Spend\n2026-10-01,Alpha,10.00\n2026-10-01,Alpha,12.00\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert [(e["line"], e["reason"]) for e in job.errors] == [
        (3, "Same campaign, publisher, platform and day as line 2.")]
    assert DailyPerformance.objects.count() == 0


@pytest.mark.parametrize("dates, expected", [
    (("03/04/2026", "13/04/2026"), date(2026, 4, 3)),   # a day over 12: the column is day-first
    (("03/04/2026", "04/13/2026"), date(2026, 3, 4)),   # a second part over 12: month-first
])
def test_ambiguous_dates_are_resolved_from_the_whole_column(alliance, alpha, fixed, run_import, dates, expected):
    text = "Date,Campaign,Spend\n" + "".join(f"{day},Alpha,1.00\n" for day in dates)
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert DailyPerformance.objects.filter(day=expected).exists()
    assert DailyPerformance.objects.count() == 2


def test_a_column_of_ambiguous_dates_asks_the_user_and_writes_nothing(alliance, alpha, fixed, run_import,
                                                                       client, django_capture_on_commit_callbacks):
    text = "Date,Campaign,Spend\n03/04/2026,Alpha,1.00\n05/04/2026,Alpha,2.00\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.UPLOADED
    assert "03/04/2026" in job.message and "date order" in job.message
    assert DailyPerformance.objects.count() == 0
    page = client.get(reverse("imports:mapping", args=[job.pk])).content.decode()
    assert "Choose the date order at the mapping step" in page and 'name="date_order"' in page

    form = {f"column_{name}": header for name, header in job.columns.items()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:mapping", args=[job.pk]), {**form, **fixed, "date_order": "mdy"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED and job.reading == {"date_order": "mdy"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:commit", args=[job.pk]), {"mode": "all", "outside": "extend"})
    assert sorted(DailyPerformance.objects.values_list("day", flat=True)) == [date(2026, 3, 4), date(2026, 5, 4)]


def test_excel_unicode_text_export_utf16_tab_separated(alliance, alpha, fixed, run_import):
    text = "Date\tCampaign\tImpressions\tSpend\r\n2026-10-01\tAlpha\t1,234\t¥5,678.90\r\n"
    _r, job = run_import(alliance["lead_a"], text.encode("utf-16"), name="export.txt", mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert job.total_rows == 1
    fact = DailyPerformance.objects.get()
    assert (fact.impressions, fact.spend) == (1234, Decimal("5678.90"))


def test_semicolon_csv_with_decimal_commas(alliance, alpha, fixed, run_import):
    text = ("Date;Campaign;Impressions;Spend;Revenue\n"
            "01.10.2026;Alpha;1.234;12,50;1.234,56\n"
            "02.10.2026;Alpha;2.000;7,25;0,99\n")
    _r, job = run_import(alliance["lead_a"], codecs.BOM_UTF8 + text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert totals() == {"spend": Decimal("19.75"), "impressions": 3234, "revenue": Decimal("1235.55")}
    assert DailyPerformance.objects.get(day=date(2026, 10, 1)).revenue == Decimal("1234.56")


def test_gb18030_export_with_wan_units_and_currency(alliance, fixed, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "双十一美妆种草")
    text = ("日期,广告计划名称,展示数,点击数,消耗(元)\n"
            "2026年10月01日,双十一美妆种草,1.5万,\"3,305\",\"¥3,843.75\"\n"
            "2026年10月02日,双十一美妆种草,12万,-,￥0.5万\n"
            "合计,,13.5万,3305,\"¥8,843.75\"\n")
    _r, job = run_import(alliance["lead_a"], text.encode("gb18030"), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, job.report
    assert [item["line"] for item in job.skipped] == [4]
    assert totals() == {"spend": Decimal("8843.75"), "impressions": 135000, "revenue": Decimal("0.00")}


def test_numbers_written_two_ways_refuse_the_file(alliance, alpha, fixed, run_import):
    text = ('Date,Campaign,Spend\n2026-10-01,Alpha,"1,234.56"\n2026-10-02,Alpha,"1.234,56"\n')
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.UPLOADED
    assert "1,234.56" in job.message and "line 3" in job.message
    assert DailyPerformance.objects.count() == 0


def test_an_empty_spend_is_an_error_never_a_zero(alliance, alpha, fixed, run_import):
    text = "Date,Campaign,Clicks,Spend\n2026-10-01,Alpha,--,\n2026-10-02,Alpha,5,-\n2026-10-03,Alpha,-,3.00\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed, mode="good")
    assert [(e["line"], e["column"]) for e in job.errors] == [(2, "Spend"), (3, "Spend")]
    assert "write 0" in job.errors[0]["reason"]
    fact = DailyPerformance.objects.get()
    assert (fact.day, fact.clicks, fact.spend) == (date(2026, 10, 3), 0, Decimal("3.00"))


def test_rejected_rows_download_holds_the_lines_as_in_the_file(alliance, alpha, fixed, run_import, client):
    text = ("Date,Campaign,Impressions,Spend\n"
            "2026-10-01,Alpha,1000,10.00\n"
            "2026-10-02,Alpha,12,345,20.00\n"
            "2026-10-03,Alpha,five,1.00\n")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed, mode=None)
    response = client.get(reverse("imports:rejected_rows", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Line", "Date", "Campaign", "Impressions", "Spend", "Reasons"]
    # date-like text is kept as text for Excel (socialcrm.exports): a leading apostrophe
    assert rows[1][:5] == ["3", "'2026-10-02", "Alpha", "12", "345, 20.00"]
    assert rows[2][:5] == ["4", "'2026-10-03", "Alpha", "five", "1.00"] and "not a number" in rows[2][5]


def test_rejected_rows_fixed_and_uploaded_again_import(alliance, alpha, fixed, run_import, client):
    text = "Date,Campaign,Impressions,Spend\n2026-10-01,Alpha,1000,10.00\n2026-10-02,Alpha,12,345,20.00\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed, mode="good")
    download = client.get(reverse("imports:rejected_rows", args=[job.pk])).content.decode("utf-8-sig")
    fixed_rows = download.replace('"345, 20.00"', "20.00").replace("12,", '"12,345",', 1)
    table = [row[1:-1] for row in csv.reader(io.StringIO(fixed_rows))]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    _r, again = run_import(alliance["lead_a"], buffer.getvalue().encode(), mapping=fixed)
    assert again.status == ImportJob.Status.DONE, again.report
    assert DailyPerformance.objects.get(day=date(2026, 10, 2)).impressions == 12345


def test_xlsx_that_expands_past_the_row_limit_is_refused_unread(alliance, alpha, run_import, settings):
    from openpyxl import Workbook

    settings.IMPORT_MAX_ROWS = 100
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Date", "Campaign", "Impressions"])
    for _ in range(500):
        sheet.append(["2026-10-01", "Alpha", 1])
    stream = io.BytesIO()
    workbook.save(stream)
    response, job = run_import(alliance["lead_a"], stream.getvalue(), name="bomb.xlsx")
    assert job is None and response.status_code == 400
    assert "more than 100 rows" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_xlsx_whose_expanded_size_is_over_the_limit_is_refused(alliance, run_import, settings):
    import zipfile

    settings.IMPORT_XLSX_MAX_EXPANDED_BYTES = 1024 * 1024
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 1_000_000)
    assert len(stream.getvalue()) < 100_000
    response, job = run_import(alliance["lead_a"], stream.getvalue(), name="bomb.xlsx")
    assert job is None and response.status_code == 400
    assert "expands to 5 MB" in response.content.decode()


@pytest.mark.parametrize("headers, expected", [
    (["Day", "Campaign name", "Campaign ID", "Amount spent (CNY)", "Purchases conversion value", "Reach"],
     {"day": "Day", "campaign": "Campaign name", "campaign_external_id": "Campaign ID",
      "spend": "Amount spent (CNY)", "revenue": "Purchases conversion value", "reach": "Reach"}),
    (["日期", "推广计划", "推广计划ID", "展现量", "点击次数", "总花费(元)", "直接成交金额"],
     {"day": "日期", "campaign": "推广计划", "campaign_external_id": "推广计划ID", "impressions": "展现量",
      "clicks": "点击次数", "spend": "总花费(元)", "revenue": "直接成交金额"}),
    (["Date", "Campaign", "Impr.", "Clicks", "Cost", "Conv. value"],
     {"day": "Date", "campaign": "Campaign", "impressions": "Impr.", "clicks": "Clicks", "spend": "Cost",
      "revenue": "Conv. value"}),
])
def test_platform_headers_in_english_and_chinese_map_to_fields(headers, expected):
    from imports.columns import guess

    assert guess(headers) == expected


def test_the_platform_campaign_id_and_name_are_kept_in_the_typed_rows(alliance):
    from imports.columns import guess
    from imports.rows import read_facts
    from imports.services import find_layout

    data = (b"Day,Campaign name,Campaign ID,Amount spent (CNY)\n"
            b"2026-10-01,Autumn Launch - Skincare,120208,\"1,234.50\"\n")
    layout = find_layout(data)
    [chunk] = list(read_facts(data, layout, guess(list(layout.headers))))
    row = chunk.frame.iloc[0]
    assert (row["campaign_name"], row["campaign_external_id"], row["spend"]) == (
        "Autumn Launch - Skincare", "120208", 123450)
    assert row["day"] == date(2026, 10, 1) and row["line"] == 2
