"""The account, contact and feedback imports read files like the performance import: same
encodings and delimiters, same row-numbered report, same "download the rejected rows"."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Account
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

ACCOUNTS = "side;name;type;industry\nadvertiser;Moon Cakes;Brand;Food\npublisher;Panda Vlogs;kol;Food\n"
FEEDBACK = "received_at,source,kind,text,channel\n"


def post(client, url, data, name="data.csv"):
    return client.post(reverse(url), {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_a_semicolon_utf16_account_file_imports(client, alliance):
    client.force_login(alliance["am_a"])
    response = post(client, "accounts:account_import", ACCOUNTS.replace(";", "\t").encode("utf-16"))
    assert response.status_code == 302
    assert set(Account.objects.filter(name__in=["Moon Cakes", "Panda Vlogs"]).values_list("kind", flat=True)) == {
        "brand", "kol"}


def test_a_line_with_too_many_fields_is_reported_by_line_and_can_be_downloaded(client, alliance):
    client.force_login(alliance["am_a"])
    text = ACCOUNTS.replace(";", ",") + "advertiser,Sun, Ltd,Brand,Food\n"
    response = post(client, "accounts:account_import", text.encode())
    page = response.content.decode()
    assert not Account.objects.filter(name__in=["Moon Cakes", "Sun"]).exists()
    report = response.context["report"]
    assert [(error["line"], error["column"]) for error in report.errors] == [(4, "(whole line)")]
    assert "5 fields; the header has 4" in page and "Download the rejected rows as CSV" in page

    download = client.get(report.rejected_url)
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["Line", "side", "name", "type", "industry", "Reasons"]
    assert rows[1][:5] == ["4", "advertiser", "Sun", "Ltd", "Brand, Food"]

    client.force_login(alliance["am_b"])
    assert client.get(report.rejected_url).status_code == 404  # only the uploader gets the rows


def test_feedback_report_has_the_same_shape_and_download(client, alliance):
    client.force_login(alliance["am_a"])
    text = FEEDBACK + "2026-03-01,public,complaint,ok,Weibo\nyesterday,public,complaint,ok,Weibo\n"
    response = post(client, "feedback:import", text.encode("gb18030"))
    assert response.status_code == 400 and Feedback.objects.count() == 0
    result = response.context["result"]
    assert [(error["line"], error["column"]) for error in result.errors] == [(3, "received_at")]
    rows = list(csv.reader(io.StringIO(client.get(result.rejected_url).content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["3", "yesterday", "public"] and "received_at" in rows[1][-1]


def test_feedback_keeps_comments_spanning_lines_but_reports_a_cut_off_last_line(client, alliance):
    client.force_login(alliance["am_a"])
    text = FEEDBACK + '2026-03-01,public,complaint,"first line\nsecond line",Weibo\n2026-03-02,public,praise'
    response = post(client, "feedback:import", text.encode())
    result = response.context["result"]
    assert [(error["line"], "cut off" in error["reason"]) for error in result.errors] == [(4, True)]
    assert Feedback.objects.count() == 0
