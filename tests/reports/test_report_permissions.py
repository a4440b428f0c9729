"""Every report and schedule view x every role x someone else's object: 404 or 403, and no leak.

Decisions (docs/reports.md): any role opens the report of an account it can see; the executive
report is for admins, executives and analysts; anyone schedules reports to themselves (read-only
roles included), only admins for others; a schedule belongs to its recipient (admins see all).
"""

import pytest
from django.urls import reverse

from reports.models import ReportSchedule

pytestmark = pytest.mark.django_db

ROLES = ("admin", "executive", "analyst", "am_a", "am_b", "lead_a")
# An account each role may not see (admins and executives see every account).
HIDDEN_ACCOUNT = {"analyst": "secret", "am_a": "adv_b", "am_b": "adv_a", "lead_a": "adv_b"}
VISIBLE_ACCOUNT = {"admin": "secret", "executive": "secret", "analyst": "adv_b", "am_a": "adv_a",
                   "am_b": "adv_b", "lead_a": "adv_a"}
EXECUTIVE_REPORT_ROLES = {"admin", "executive", "analyst"}


def account_views(pk):
    return [reverse("reports:account_report", args=[pk]),
            reverse("reports:account_report_export", args=[pk, "csv"]),
            reverse("reports:account_report_export", args=[pk, "xlsx"])]


@pytest.fixture
def others_schedule(alliance):
    return ReportSchedule.objects.create(recipient=alliance["am_b"], kind="account_monthly",
                                         account=alliance["adv_b"], created_by=alliance["am_b"])


@pytest.mark.parametrize("role", ROLES)
def test_account_reports_open_for_visible_accounts_only(client, alliance, role):
    client.force_login(alliance[role])
    for url in account_views(alliance[VISIBLE_ACCOUNT[role]].pk):
        assert client.get(url).status_code == 200, url
    if role in HIDDEN_ACCOUNT:
        hidden = alliance[HIDDEN_ACCOUNT[role]]
        for url in account_views(hidden.pk):
            response = client.get(url)
            assert response.status_code == 404, url
            assert hidden.name not in response.content.decode("utf-8-sig", "replace")


@pytest.mark.parametrize("role", ROLES)
def test_executive_report_is_for_alliance_wide_readers(client, alliance, role):
    client.force_login(alliance[role])
    expected = 200 if role in EXECUTIVE_REPORT_ROLES else 403
    for url in (reverse("reports:executive_report"), reverse("reports:executive_report_export", args=["csv"]),
                reverse("reports:executive_report_export", args=["xlsx"])):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_report_list_lists_only_what_the_role_may_open(client, alliance, others_schedule, role):
    client.force_login(alliance[role])
    response = client.get(reverse("reports:report_list"))
    assert response.status_code == 200
    shown_schedules = list(response.context["schedules"])
    assert shown_schedules == ([others_schedule] if role in ("admin", "am_b") else [])
    if role in HIDDEN_ACCOUNT:
        assert alliance[HIDDEN_ACCOUNT[role]].name not in response.content.decode()


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("admin", "am_b")])
def test_someone_elses_schedule_is_not_found(client, alliance, others_schedule, role):
    client.force_login(alliance[role])
    assert client.get(reverse("reports:schedule_edit", args=[others_schedule.pk])).status_code == 404
    assert client.post(reverse("reports:schedule_edit", args=[others_schedule.pk]), {
        "kind": "account_weekly", "account": alliance["adv_b"].pk, "format": "csv"}).status_code == 404
    assert client.post(reverse("reports:schedule_deactivate", args=[others_schedule.pk])).status_code == 404
    others_schedule.refresh_from_db()
    assert others_schedule.is_active and others_schedule.kind == "account_monthly"


@pytest.mark.parametrize("role", HIDDEN_ACCOUNT)
def test_nobody_schedules_a_report_on_an_account_they_cannot_see(client, alliance, role):
    client.force_login(alliance[role])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": alliance[role].pk, "kind": "account_monthly",
        "account": alliance[HIDDEN_ACCOUNT[role]].pk, "format": "xlsx"})
    assert response.status_code == 200 and "account" in response.context["form"].errors
    assert not ReportSchedule.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_alliance_wide_readers_schedule_the_executive_report(client, alliance, role):
    client.force_login(alliance[role])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": alliance[role].pk, "kind": "executive_monthly", "format": "xlsx"})
    assert response.status_code == (302 if role in EXECUTIVE_REPORT_ROLES else 403)
    assert ReportSchedule.objects.exists() == (role in EXECUTIVE_REPORT_ROLES)


def test_unknown_download_format_is_not_found(client, alliance):
    client.force_login(alliance["admin"])
    assert client.get(reverse("reports:account_report_export", args=[alliance["adv_a"].pk, "pdf"])).status_code == 404
    assert client.get(reverse("reports:executive_report_export", args=["pdf"])).status_code == 404


def test_bad_period_input_falls_back_to_last_month(client, alliance):
    client.force_login(alliance["am_a"])
    response = client.get(reverse("reports:account_report", args=[alliance["adv_a"].pk]),
                          {"period": "decade", "day": "not-a-date"})
    assert response.status_code == 200 and response.context["report"]["period"].kind == "month"


def test_anonymous_visitors_are_sent_to_sign_in(client, alliance):
    response = client.get(reverse("reports:report_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_account_page_links_to_its_reports_and_the_readers_own_schedules(client, alliance, others_schedule):
    mine = ReportSchedule.objects.create(recipient=alliance["admin"], kind="account_weekly",
                                         account=alliance["adv_b"], created_by=alliance["admin"])
    client.force_login(alliance["admin"])
    page = client.get(alliance["adv_b"].get_absolute_url()).content.decode()
    assert reverse("reports:account_report", args=[alliance["adv_b"].pk]) in page
    assert reverse("reports:schedule_edit", args=[mine.pk]) in page
    assert reverse("reports:schedule_edit", args=[others_schedule.pk]) not in page
