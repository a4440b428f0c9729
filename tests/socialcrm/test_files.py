import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from imports.reader.plain import read_rows
from socialcrm.exports import csv_response, safe_cell, xlsx_response
from socialcrm.uploads import UploadError


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_like_text_is_escaped(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["+50.0 %", "-12.3 %", "-1,234.50", "+2.50×"])
def test_a_signed_figure_in_the_kpi_notation_is_not_quoted(text):
    assert safe_cell(text) == text


def test_numbers_stay_numbers():
    assert safe_cell(-5) == -5
    assert safe_cell(3.5) == 3.5


def test_csv_download_opens_in_excel_with_chinese_and_no_formulas():
    response = csv_response("客户.csv", ["名称", "note"], [["双十一", "=cmd|' /C calc'!A0"], ["x", -3]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1] == ["双十一", "'=cmd|' /C calc'!A0"]
    assert rows[2] == ["x", "-3"]
    assert "filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv" in response["Content-Disposition"]


def test_xlsx_download_keeps_numbers_and_escapes_text():
    response = xlsx_response("report.xlsx", ["name", "spend"], [["@evil", 12.5]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == ["'@evil", 12.5]


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                               ("gb18030", b""), ("utf-16", b"")])
def test_uploads_are_read_in_every_encoding_partners_send(encoding, prefix):
    data = prefix + "名称,行业\n双十一美妆,美妆\n\n品牌二,食品\n".encode(encoding)
    table = read_rows(SimpleUploadedFile("a.csv", data))
    assert table.header == ["名称", "行业"]
    assert [(row.line, row.values["名称"]) for row in table.rows] == [(2, "双十一美妆"), (4, "品牌二")]


def test_oversize_upload_is_refused_before_parsing():
    with pytest.raises(UploadError, match="larger than"):
        read_rows(SimpleUploadedFile("big.csv", b"a\n" * 600_000), max_bytes=1024 * 1024)


def test_missing_columns_and_binary_files_are_reported():
    with pytest.raises(UploadError, match="Missing columns: name"):
        read_rows(SimpleUploadedFile("a.csv", b"title\nx\n"), required_columns=["name"])
    with pytest.raises(UploadError, match="text"):
        read_rows(SimpleUploadedFile("a.bin", b"\x00\x01\x02binary"))
    with pytest.raises(UploadError, match="XLSX file cannot be opened"):
        read_rows(SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00"))


def test_fast_select_renders_like_djangos_select():
    from django import forms

    from socialcrm.widgets import FastSelect

    choices = [("", "All"), ("1", "<Brand & Co>"), ("2", "二号")]
    fast = FastSelect(choices=choices, attrs={"id": "id_x"}).render("x", "2")
    assert fast == forms.Select(choices=choices, attrs={"id": "id_x"}).render("x", "2").replace("\n", "").replace("  ", "")
