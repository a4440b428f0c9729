"""The file is read once, in blocks checked in bulk, and reads exactly as the line-by-line reader
would: whatever the chunk size, every line lands in the same place, and a decimal mark or date
order that only later rows reveal still decides the whole file."""

from datetime import date
from decimal import Decimal

import pytest

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from imports.reader.table import LineCount, detect_layout, iter_chunks
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db

TRICKY = (
    'Campaign report\n'
    'Date,Campaign,Impressions,Spend\n'
    '2026-10-01,Alpha,"1,200",3.50\n'
    '\n'
    ',,,\n'
    'Total,,"9,999",99.00\n'
    '2026-10-02,Alpha,12,345,20.00\n'
    '2026-10-03,Alpha,"1,300",12.50\n'
    '2026-10-04,"Alpha,1300,1.00\n'
    '2026-10-05,Alpha,1400,1.00\n'
    '2026-10-06,Alpha,1500,1.00\r\n'
    '"2026-10-07",Alpha,1600,"1.00"\n'
    '合计,,1,1\n'
    '2026-10-08,Alpha,1700\n'
    '2026-10-09,Alpha,1800,1.00\n'
    '2026-10-10,Alpha,1900'
)


def read_all(data, chunk_rows, **options):
    from imports.columns import header_score

    layout = detect_layout(data, header_score)
    count, rows, problems, skipped = LineCount(), [], [], []
    for raw in iter_chunks(data, layout, count, chunk_rows=chunk_rows, **options):
        rows.extend(zip(raw.lines, raw.frame.itertuples(index=False, name=None), strict=True))
        problems.extend((problem["line"], problem["last_line"], problem["reason"]) for problem in raw.problems)
        skipped.extend(item["line"] for item in raw.skipped)
    return rows, problems, skipped, count


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 5, 50_000])
@pytest.mark.parametrize("multiline_ok", [False, True])
def test_every_line_lands_in_the_same_place_whatever_the_chunk_size(chunk_rows, multiline_ok):
    expected = read_all(TRICKY.encode(), 50_000, multiline_ok=multiline_ok)
    assert read_all(TRICKY.encode(), chunk_rows, multiline_ok=multiline_ok) == expected
    rows, problems, skipped, count = expected
    assert [line for line, _cells in rows] == [3, 8, 15]
    # 12,345 unquoted; the stray quote of line 9 swallowing lines 10-12; 3 fields; the cut last line
    assert [(first, last) for first, last, _reason in problems] == [(7, 7), (9, 12), (14, 14), (16, 16)]
    assert "cut off" in problems[-1][2] and skipped == [6, 13]
    assert (count.total, count.before_header, count.blank, count.read, count.rejected) == (16, 2, 2, 3, 7)
    assert count.total == count.before_header + count.blank + count.skipped + count.read + count.rejected


def test_a_quote_spanning_a_block_boundary_is_one_record_with_its_lines():
    data = ("Date,Campaign,Spend\n" + "2026-10-01,Alpha,1.00\n" * 3 + '2026-10-02,"Al\npha",2.00\n'
            + "2026-10-03,Alpha,3.00\n").encode()
    for chunk_rows in (1, 2, 4, 5, 50_000):
        rows, problems, _skipped, count = read_all(data, chunk_rows, multiline_ok=True)
        assert [line for line, _cells in rows] == [2, 3, 4, 5, 7], chunk_rows
        assert rows[3][1][1] == "Al\npha" and not problems and count.total == 7


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr("imports.reader.table.CHUNK_ROWS", 2)


def test_a_decimal_comma_seen_only_after_the_first_chunk_decides_the_whole_file(alliance, small_chunks,
                                                                              run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta"}
    text = ('Date,Campaign,Spend\n2026-10-01,Alpha,"1.250"\n2026-10-02,Alpha,7\n'
            '2026-10-03,Alpha,8\n2026-10-04,Alpha,"3.500,64"\n2026-10-05,Alpha,"12,5"\n')
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, (job.message, job.report)
    spend = dict(DailyPerformance.objects.values_list("day", "spend"))
    assert spend == {date(2026, 10, 1): Decimal("1250.00"), date(2026, 10, 2): Decimal("7.00"),
                     date(2026, 10, 3): Decimal("8.00"), date(2026, 10, 4): Decimal("3500.64"),
                     date(2026, 10, 5): Decimal("12.50")}


def test_a_day_first_date_seen_only_after_the_first_chunk_decides_the_whole_column(alliance, small_chunks,
                                                                                 run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta"}
    text = ("Date,Campaign,Spend\n03/04/2026,Alpha,1.00\n05/04/2026,Alpha,2.00\n"
            "06/04/2026,Alpha,3.00\n04/25/2026,Alpha,4.00\n")
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, (job.message, job.report)
    assert sorted(DailyPerformance.objects.values_list("day", flat=True)) == [
        date(2026, 3, 4), date(2026, 4, 25), date(2026, 5, 4), date(2026, 6, 4)]


def test_a_breakdown_split_over_chunks_is_summed_across_them(alliance, small_chunks, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta"}
    text = "Date,Campaign,Ad set name,Spend\n" + "".join(
        f"2026-10-0{day},Alpha,Set {n},{n}.25\n" for day in (1, 2) for n in range(1, 6))
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.DONE, (job.message, job.report)
    assert dict(DailyPerformance.objects.values_list("day", "spend")) == {
        date(2026, 10, 1): Decimal("16.25"), date(2026, 10, 2): Decimal("16.25")}
    assert job.report["breakdown"] == {"rows": 10, "summed_into": 2}


@pytest.mark.parametrize("late_cell", ["0,125", "7\n0,125"])
def test_a_plain_column_that_shows_a_decimal_comma_late_is_refused_as_written_two_ways(
        alliance, small_chunks, run_import, late_cell):
    """The first chunk says decimal point (12.50); a later chunk's plain column holds "0,125",
    which only a decimal comma reads: at its chunk's first cell or further in, the import goes
    back to the mapping step naming both values, and nothing is written."""
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Alpha")
    fixed = {"publisher": alliance["publisher"].pk, "platform": "meta"}
    late = [f'2026-10-0{3 + n},Alpha,"{cell}"' for n, cell in enumerate(late_cell.split("\n"))]
    text = "\n".join(["Date,Campaign,Spend", "2026-10-01,Alpha,12.50", "2026-10-02,Alpha,3.25", *late]) + "\n"
    _r, job = run_import(alliance["lead_a"], text.encode(), mapping=fixed)
    assert job.status == ImportJob.Status.UPLOADED
    assert "12.50" in job.message and "0,125" in job.message, job.message
    assert not DailyPerformance.objects.exists()
