"""Exports that open right in Excel: numbers formatted, sheet names valid, no accidental dates."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from socialcrm.exports import csv_response, sheet_name, xlsx_response


def _sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_money_and_counts_are_numbers_with_a_number_format():
    sheet = _sheet(xlsx_response("x.xlsx", ["spend", "clicks", "day"],
                                 [[Decimal("138657.43"), 12345, date(2026, 11, 2)]]))
    spend, clicks, day = sheet[2]
    assert spend.value == pytest.approx(138657.43) and spend.number_format == "#,##0.00"
    assert clicks.value == 12345 and clicks.number_format == "#,##0"
    assert day.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("title, expected", [
    ("ROI by publisher for Autumn Launch Skincare 2026", "ROI by publisher for Autumn"),
    ("Spend/Revenue [CNY]", "Spend Revenue  CNY"),
    ("秋季新品上市活动按发布商与平台拆分的投资回报率明细数据表格", "秋季新品上市活动按发布商与平台拆分的投资回报率明细数据表格"[:31]),
])
def test_sheet_names_fit_excels_31_characters_without_cutting_words(title, expected):
    assert sheet_name(title) == expected
    assert len(sheet_name(title)) <= 31


def test_text_that_excel_would_read_as_a_date_stays_text_in_csv():
    body = csv_response("x.csv", ["size"], [["2/4"], ["2026-1-5"], ["A2/4"]]).content.decode("utf-8-sig")
    assert "'2/4" in body and "'2026-1-5" in body and "\nA2/4" in body
