"""Every view of the accounts app x every role x someone else's records: 404 or 403, no leak."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, ActionItem, Cadence, Contact, Meeting, Partnership
from audit.models import AuditEntry
from tests.factories import UserFactory

READ, WRITE = "read", "write"
ROLES = ("am_a", "lead_a", "executive", "analyst", "admin")
TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


def _meeting_post(records):
    return {"kind": "ad_hoc", "held_at": "2026-01-05T10:00", "minutes": "x",
            "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}


# (url name, HTTP method, read or write, URL arguments, POST data)
OBJECT_VIEWS = [
    ("accounts:account_detail", "get", READ, lambda r: [r["account"].pk], None),
    ("accounts:meeting_detail", "get", READ, lambda r: [r["meeting"].pk], None),
    ("accounts:account_edit", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:account_edit", "post", WRITE, lambda r: [r["account"].pk],
     lambda r: {"name": "Renamed", "kind": "brand", "tier": "key", "status": "active"}),
    ("accounts:account_archive", "post", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:account_restore", "post", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:account_share", "post", WRITE, lambda r: [r["account"].pk],
     lambda r: {"colleague": r["colleague"].pk}),
    ("accounts:account_unshare", "post", WRITE, lambda r: [r["account"].pk, r["shared"].pk], None),
    ("accounts:contact_create", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:contact_create", "post", WRITE, lambda r: [r["account"].pk], lambda r: {"name": "Spy"}),
    ("accounts:contact_edit", "get", WRITE, lambda r: [r["contact"].pk], None),
    ("accounts:contact_edit", "post", WRITE, lambda r: [r["contact"].pk], lambda r: {"name": "Spy"}),
    ("accounts:contact_archive", "post", WRITE, lambda r: [r["contact"].pk], None),
    ("accounts:partnership_create", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:partnership_create", "post", WRITE, lambda r: [r["account"].pk],
     lambda r: {"partner": r["publisher"].pk, "started_on": "2026-01-01"}),
    ("accounts:partnership_archive", "post", WRITE,
     lambda r: [r["account"].pk, r["partnership"].pk], None),
    ("accounts:meeting_create", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:meeting_create", "post", WRITE, lambda r: [r["account"].pk], _meeting_post),
    ("accounts:meeting_edit", "get", WRITE, lambda r: [r["meeting"].pk], None),
    ("accounts:meeting_edit", "post", WRITE, lambda r: [r["meeting"].pk], _meeting_post),
    ("accounts:meeting_archive", "post", WRITE, lambda r: [r["meeting"].pk], None),
    ("accounts:action_item_create", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:action_item_create", "post", WRITE, lambda r: [r["account"].pk],
     lambda r: {"title": "Spy", "owner": r["account"].account_manager_id, "due_on": TOMORROW}),
    ("accounts:action_item_done", "post", WRITE, lambda r: [r["action_item"].pk], None),
    ("accounts:action_item_archive", "post", WRITE, lambda r: [r["action_item"].pk], None),
    ("accounts:cadence_create", "get", WRITE, lambda r: [r["account"].pk], None),
    ("accounts:cadence_create", "post", WRITE, lambda r: [r["account"].pk],
     lambda r: {"meeting_kind": "escalation", "interval": "weekly", "next_due_on": TOMORROW}),
    ("accounts:cadence_stop", "post", WRITE, lambda r: [r["cadence"].pk], None),
]


def expected_status(role, target, kind):
    """None means 'allowed' (200 or a redirect)."""
    if role in ("am_a", "lead_a") or (role == "analyst" and target == "secret"):
        return 404
    if role in ("executive", "analyst") and kind == WRITE:
        return 403
    return None


def fingerprint():
    """Everything a forbidden request could have changed."""
    return (
        AuditEntry.objects.count(),
        [Account.objects.filter(archived_at__isnull=False).count(),
         list(Account.objects.order_by("pk").values_list("name", "account_manager_id"))],
        [model.objects.count() for model in (Contact, Meeting, ActionItem, Cadence, Partnership)],
        ActionItem.objects.filter(done_at__isnull=False).count(),
        Meeting.objects.filter(archived_at__isnull=False).count(),
        Cadence.objects.filter(is_active=False).count(),
        sorted(Account.shared_with.through.objects.values_list("account_id", "user_id")),
    )


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("target", ["adv_b", "secret"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name, method, kind, args, data", OBJECT_VIEWS,
                         ids=[f"{row[0].split(':')[1]}-{row[1]}" for row in OBJECT_VIEWS])
def test_someone_elses_records_are_404_or_403_and_never_leak(
    client, alliance, others, role, target, htmx, name, method, kind, args, data,
):
    records = dict(others[target])
    records["colleague"] = UserFactory(role="account_manager", username="am_c")
    records["shared"] = UserFactory(role="account_manager", username="am_d")
    records["account"].shared_with.add(records["shared"])
    records["publisher"] = alliance["publisher"]
    client.force_login(alliance[role])
    headers = {"HX-Request": "true"} if htmx else {}
    before = fingerprint()

    url = reverse(name, args=args(records))
    if method == "get":
        response = client.get(url, headers=headers)
    else:
        response = client.post(url, data(records) if data else {}, headers=headers)

    expected = expected_status(role, target, kind)
    if expected is None:
        assert response.status_code in (200, 302), response.status_code
        return
    assert response.status_code == expected
    assert fingerprint() == before, "a refused request changed data"
    page = response.content.decode()
    assert records["account"].name not in page
    assert records["meeting"].minutes not in page


@pytest.fixture
def shared_data(alliance, others):
    return alliance


@pytest.mark.parametrize("role, hidden", [
    ("am_a", ["Advertiser B", "Secret Brand"]),
    ("lead_a", ["Advertiser B", "Secret Brand"]),
    ("analyst", ["Secret Brand"]),
    ("executive", []),
    ("admin", []),
])
@pytest.mark.parametrize("url", [
    reverse("accounts:advertiser_list"),
    reverse("accounts:advertiser_list") + "?q=e&sort=tier",
    reverse("accounts:account_export", args=["advertiser"]),
    reverse("accounts:account_export", args=["advertiser"]) + "?format=xlsx",
    reverse("accounts:contact_export", args=["advertiser"]),
    reverse("home"),
])
def test_lists_exports_and_home_show_only_what_the_role_may_see(client, shared_data, others, role,
                                                                hidden, url):
    client.force_login(shared_data[role])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content if url.endswith("xlsx") else response.content.decode("utf-8-sig")
    if url.endswith("xlsx"):
        body = _xlsx_text(response.content)
    for name in hidden:
        assert name not in body
        secret_records = others["adv_b" if name == "Advertiser B" else "secret"]
        assert secret_records["contact"].name not in body
        assert secret_records["action_item"].title not in body
    if role == "executive" and "advertiser" in url:
        assert "Secret Brand" in body


def _xlsx_text(content):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)


CSV = b"side,name,type\nadvertiser,Smuggled In,brand\n"
CONTACTS_CSV = b"account_side,account,name\nadvertiser,Advertiser B,Spy\n"


@pytest.mark.parametrize("role", ["lead_a", "executive", "analyst"])
@pytest.mark.parametrize("name, args, data", [
    ("accounts:account_create", ["advertiser"], {"name": "Smuggled In", "kind": "brand",
                                                 "tier": "key", "status": "active"}),
    ("accounts:account_import", [], {"file": CSV}),
    ("accounts:contact_import", [], {"file": CONTACTS_CSV}),
])
def test_read_only_roles_cannot_create_or_import(client, alliance, role, name, args, data):
    client.force_login(alliance[role])
    url = reverse(name, args=args)
    assert client.get(url).status_code == 403
    before = fingerprint()
    payload = {key: SimpleUploadedFile("f.csv", value) if isinstance(value, bytes) else value
               for key, value in data.items()}
    assert client.post(url, payload).status_code == 403
    assert fingerprint() == before


def test_importing_contacts_into_someone_elses_account_is_refused_without_leaking(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("accounts:contact_import"),
                           {"file": SimpleUploadedFile("c.csv", CONTACTS_CSV)})
    page = response.content.decode()
    assert "No account of yours with this name" in page
    assert not Contact.objects.filter(name="Spy").exists()


def test_a_colleague_it_is_shared_with_edits_but_cannot_reshare(client, alliance):
    account = alliance["adv_b"]
    account.shared_with.add(alliance["am_a"])
    client.force_login(alliance["am_a"])
    assert client.get(reverse("accounts:account_edit", args=[account.pk])).status_code == 200
    third = UserFactory(role="account_manager", username="am_third")
    response = client.post(reverse("accounts:account_share", args=[account.pk]), {"colleague": third.pk})
    assert response.status_code == 403
    assert not account.shared_with.filter(pk=third.pk).exists()
    response = client.post(reverse("accounts:account_unshare", args=[account.pk, alliance["am_a"].pk]))
    assert response.status_code == 403


def test_the_manager_shares_an_account_and_the_colleague_then_sees_it(client, alliance):
    account = alliance["adv_b"]
    client.force_login(alliance["am_b"])
    response = client.post(reverse("accounts:account_share", args=[account.pk]),
                           {"colleague": alliance["am_a"].pk})
    assert response.status_code == 302
    client.force_login(alliance["am_a"])
    assert client.get(account.get_absolute_url()).status_code == 200
    assert "Advertiser B" in client.get(reverse("accounts:advertiser_list")).content.decode()
    assert AuditEntry.objects.filter(action="account.share", target_id=str(account.pk)).exists()


def test_confidential_account_is_seen_by_a_colleague_it_is_shared_with_only(client, alliance):
    secret = alliance["secret"]
    client.force_login(alliance["am_a"])
    assert client.get(secret.get_absolute_url()).status_code == 404
    secret.shared_with.add(alliance["am_a"])
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_project_lead_reads_the_accounts_of_their_campaigns_but_cannot_write(client, alliance):
    client.force_login(alliance["lead_a"])
    account = alliance["adv_a"]
    assert client.get(account.get_absolute_url()).status_code == 200
    assert client.get(alliance["publisher"].get_absolute_url()).status_code == 200
    assert client.post(reverse("accounts:account_archive", args=[account.pk])).status_code == 403
    account.refresh_from_db()
    assert account.archived_at is None


def test_mass_assignment_of_the_account_manager_is_ignored(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.post(reverse("accounts:account_create", args=["advertiser"]), {
        "name": "Mine For Sure", "kind": "brand", "tier": "key", "status": "active",
        "account_manager": alliance["am_b"].pk, "side": "publisher",
    })
    assert response.status_code == 302
    account = Account.objects.get(name="Mine For Sure")
    assert account.account_manager == alliance["am_a"] and account.side == "advertiser"
