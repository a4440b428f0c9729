"""CSV import (all or nothing, row-numbered errors) and export of accounts and contacts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Account, Contact
from audit.models import AuditEntry
from tests.accounts.factories import ContactFactory

GOOD = (
    "side,name,type,industry,platforms,tier,status,confidential,website,account_manager,shared_with,notes\n"
    "advertiser,Moon Cakes,Brand,Food,douyin;weibo,key,active,no,https://moon.example,,,\n"
    "publisher,Panda Vlogs,kol,Food,Bilibili,standard,prospect,yes,,,,\"quotes, \"\"and\"\" commas\"\n"
)


def upload(client, url, text, encoding="utf-8"):
    return client.post(reverse(url), {"file": SimpleUploadedFile("data.csv", text.encode(encoding))})


@pytest.fixture
def am_client(client, alliance):
    client.force_login(alliance["am_a"])
    return client


def test_accounts_import_and_a_second_import_changes_nothing(am_client, alliance):
    response = upload(am_client, "accounts:account_import", GOOD)
    assert response.status_code == 302
    moon = Account.objects.get(name="Moon Cakes")
    assert moon.account_manager == alliance["am_a"] and moon.platforms == ["douyin", "weibo"]
    assert Account.objects.get(name="Panda Vlogs").is_confidential
    count = Account.objects.count()
    upload(am_client, "accounts:account_import", GOOD)
    assert Account.objects.count() == count


def test_a_file_with_bad_rows_imports_nothing_and_reports_each_line(am_client, alliance):
    text = GOOD + (
        "advertiser,Bad Kind,kol,,,,,,,,,\n"          # line 4: KOL is a publisher type
        "advertiser,,brand,,,,,,,,,\n"                # line 5: no name
        "publisher,Odd,media,,myspace,gold,,maybe,not a url,,,\n"  # line 6: four problems
        "advertiser,Advertiser B,brand,,,,,,,,,\n"    # line 7: someone else's name
    )
    response = upload(am_client, "accounts:account_import", text)
    assert response.status_code == 200
    errors = response.context["report"].errors
    lines = {error["line"] for error in errors}
    assert lines == {4, 5, 6, 7}
    assert {error["column"] for error in errors if error["line"] == 6} == {
        "platforms", "tier", "confidential", "website"}
    assert not Account.objects.filter(name__in=["Moon Cakes", "Panda Vlogs"]).exists()
    assert not AuditEntry.objects.filter(action="account.create").exists()
    page = response.content.decode()
    assert "nothing was imported" in page and "<td class=\"num\">6</td>" in page


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_chinese_excel_encodings_are_read(am_client, encoding):
    text = "side,name,type\nadvertiser,熊猫零食,brand\n"
    assert upload(am_client, "accounts:account_import", text, encoding).status_code == 302
    assert Account.objects.filter(name="熊猫零食").exists()


def test_a_binary_file_gets_a_clear_error(am_client):
    response = am_client.post(reverse("accounts:account_import"),
                              {"file": SimpleUploadedFile("x.csv", b"\x00\x01PK\x03\x04")})
    assert response.status_code == 200
    assert "does not look like a text" in response.content.decode()


def test_admin_imports_for_a_named_account_manager(client, alliance):
    client.force_login(alliance["admin"])
    text = "side,name,type,account_manager\nadvertiser,Delegated,brand,am_b\nadvertiser,Nobody,brand,ghost\n"
    response = upload(client, "accounts:account_import", text)
    assert [(error["line"], error["column"]) for error in response.context["report"].errors] == [(3, "account_manager")]
    text = "side,name,type,account_manager\nadvertiser,Delegated,brand,am_b\n"
    assert upload(client, "accounts:account_import", text).status_code == 302
    assert Account.objects.get(name="Delegated").account_manager == alliance["am_b"]


def test_contacts_import_updates_by_name_and_rejects_duplicates(am_client, alliance):
    ContactFactory(account=alliance["adv_a"], name="Lily Chen", title="Old title")
    text = ("account_side,account,name,role,email,phone,wechat,preferred_channel,primary\n"
            "advertiser,Advertiser A,Lily Chen,CMO,lily@a.example,,lily_c,WeChat,yes\n"
            "publisher,KOL One,Xia,Agent,,+86 138,,phone,no\n")
    assert upload(am_client, "accounts:contact_import", text).status_code == 302
    lily = Contact.objects.get(name="Lily Chen")
    assert lily.title == "CMO" and lily.is_primary and Contact.objects.filter(name="Xia").exists()
    bad = text + "advertiser,Advertiser A,Lily Chen,dup,not-an-email,,,,\n"
    report = upload(am_client, "accounts:contact_import", bad).context["report"]
    assert {(error["line"], error["column"]) for error in report.errors} == {(4, "name"), (4, "email")}


def test_export_round_trips_and_neutralises_formulas(am_client, alliance):
    Account.objects.filter(pk=alliance["adv_a"].pk).update(notes="=HYPERLINK(\"http://evil\")")
    response = am_client.get(reverse("accounts:account_export", args=["advertiser"]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert text.splitlines()[0].startswith("side,name,type")
    assert "'=HYPERLINK" in text
    assert AuditEntry.objects.filter(action="account.export", actor=alliance["am_a"]).exists()
    count = Account.objects.count()
    export = text.replace("'=HYPERLINK", "HYPERLINK")
    assert upload(am_client, "accounts:account_import", export).status_code == 302
    assert Account.objects.count() == count
