import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEntry
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

HEADER = "received_at,source,kind,text,channel,account,campaign,rating,nps,author,external_id\n"


def upload(client, body, name="comments.csv", encoding="utf-8"):
    data = (HEADER + body).encode(encoding)
    return client.post(reverse("feedback:import"), {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_social_comments_are_imported_and_reimport_adds_nothing(client, alliance):
    client.force_login(alliance["am_a"])
    body = ("2026-03-01 10:00,public,complaint,广告太多了，很失望,Weibo comments,,,,,@xiaoli,wb-1\n"
            "2026-03-02,advertiser,praise,Great results thanks,,Advertiser A,,5,10,,\n"
            "2026-03-03 09:30,public,content,Love the video,Douyin comments,,,,,@fan,dy-9\n")
    response = upload(client, body)
    assert response.status_code == 302
    assert Feedback.objects.count() == 3
    weibo = Feedback.objects.get(external_id="wb-1")
    assert (weibo.source, weibo.sentiment, weibo.priority, weibo.author_name) == ("public", "negative", "high", "@xiaoli")
    assert weibo.created_by == alliance["am_a"]
    praised = Feedback.objects.get(account=alliance["adv_a"])
    assert (praised.rating, praised.nps, praised.owner) == (5, 10, alliance["am_a"])
    assert AuditEntry.objects.filter(action="feedback.imported").count() == 1

    upload(client, body)
    assert Feedback.objects.count() == 4  # only the row without an external ID is new again


def test_bad_rows_are_reported_by_line_and_nothing_is_written(client, alliance):
    client.force_login(alliance["am_a"])
    body = ("2026-03-01,public,complaint,ok,Weibo,,,,,,\n"
            "yesterday,public,complaint,ok,Weibo,,,,,,\n"
            "2026-03-01,partner,complaint,ok,Weibo,,,,,,\n"
            "2026-03-01,advertiser,praise,ok,,Advertiser B,,,,,\n"
            "2026-03-01,public,praise,ok,Weibo,,,7,,,\n"
            "2026-03-01,public,praise,,Weibo,,,,,,\n"
            "2026-03-01,public,praise,ok,,,,,,,\n"
            "2999-01-01,public,praise,ok,Weibo,,,,,,\n"
            "2026-03-01,public,praise,ok,Weibo,,,,inf,,\n")
    response = upload(client, body)
    assert response.status_code == 400
    page = response.content.decode()
    errors = response.context["result"].errors
    assert [(error["line"], error["column"]) for error in errors] == [
        (3, "received_at"), (4, "source"), (5, "account"), (6, "rating"), (7, "text"), (8, "channel"),
        (9, "received_at"), (10, "nps"),
    ]
    assert "Advertiser B" in page  # the row's own value is echoed, not any data of Advertiser B
    assert not Feedback.objects.exists()


def test_unreadable_files_are_refused_with_a_message(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("feedback:import"),
                           {"file": SimpleUploadedFile("x.csv", b"\x00\x01binary", "text/csv")})
    assert response.status_code == 400 and "does not look like a text" in response.content.decode()
    response = client.post(reverse("feedback:import"),
                           {"file": SimpleUploadedFile("x.csv", b"received_at,kind\n", "text/csv")})
    assert response.status_code == 400 and "Missing columns" in response.content.decode()


def test_gb18030_exports_from_chinese_excel_are_read(client, alliance):
    client.force_login(alliance["am_a"])
    response = upload(client, "2026-03-01,public,complaint,结算延迟，非常失望,微博评论,,,,,,\n", encoding="gb18030")
    assert response.status_code == 302
    assert Feedback.objects.get().channel == "微博评论"


CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2026-03-01", "2026-03-01 10:00", "public", "advertiser", "complaint", "praise",
                     "Advertiser A", "Advertiser B", "Weibo", "5", "11", "-1", "nan", "1e309", '"', "=cmd()"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=12), min_size=1, max_size=6))
def test_any_csv_gives_a_report_or_a_clean_import_never_a_500(client, alliance, rows):
    client.force_login(alliance["am_a"])
    before = Feedback.objects.count()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = upload(client, buffer.getvalue())
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Feedback.objects.count() == before
        for error in response.context["result"].errors if response.context["result"] else []:
            assert error["line"] >= 2 and error["reason"]


def test_utf16_file_with_nul_characters_imports_cleanly(client, alliance):
    client.force_login(alliance["am_a"])
    response = upload(client, "2026-03-01,public,complaint,bad\x00ad,Weibo,,,,,,\n", encoding="utf-16")
    assert response.status_code == 302
    assert Feedback.objects.get().text == "badad"
