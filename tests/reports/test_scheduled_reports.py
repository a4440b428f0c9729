import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEntry
from reports.models import ReportSchedule, SentReport
from reports.periods import next_month_start
from reports.schedules import send_due_reports as queue_due_reports
from reports.tasks import send_scheduled_reports
from reports.templatetags.report_format import money
from tests.reports.report_data import seed_two_months

pytestmark = pytest.mark.django_db


def send_due_reports(today=None):
    """Queue the due reports and let the outbox deliver them, as a worker would after commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return queue_due_reports(today)


@pytest.fixture
def reported(alliance):
    alliance["period"] = seed_two_months(alliance, timezone.localdate())
    return alliance


def schedule(recipient, kind="account_monthly", account=None, created_by=None, **extra):
    return ReportSchedule.objects.create(recipient=recipient, kind=kind, account=account,
                                         created_by=created_by or recipient, **extra)


def test_the_beat_task_sends_each_period_once_with_html_and_xlsx(reported):
    schedule(reported["am_a"], account=reported["adv_a"])
    for _run in range(2):
        with TestCase.captureOnCommitCallbacks(execute=True):
            send_scheduled_reports.delay()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reported["am_a"].email] and "Advertiser A" in message.subject
    assert message.content_subtype == "html" and "Spend, ROI and KPIs" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".xlsx") and mimetype.startswith("application/vnd.openxmlformats")
    sent = SentReport.objects.get()
    assert sent.status == "sent" and sent.period_start == reported["period"].start and sent.sent_at


def test_a_new_period_is_sent_again_and_a_csv_schedule_attaches_csv(reported):
    monthly = schedule(reported["am_a"], account=reported["adv_a"], format="csv")
    today = timezone.localdate()
    send_due_reports(today)
    send_due_reports(next_month_start(today))
    assert [s.period_start for s in SentReport.objects.filter(schedule=monthly).order_by("period_start")] == [
        reported["period"].start, reported["period"].end + timedelta(days=1)]
    assert all(m.attachments[0][0].endswith(".csv") for m in mail.outbox) and len(mail.outbox) == 2


def test_the_report_is_built_with_the_recipients_visibility_not_the_creators(reported):
    schedule(reported["am_a"], account=reported["publisher"], created_by=reported["admin"])
    send_due_reports()
    period = reported["period"]
    days = (period.end - period.start).days + 1
    body = mail.outbox[0].body
    assert "Advertiser A" in body and "Advertiser B" not in body
    with translation.override("en"):  # the recipient's language (the default: none chosen)
        assert f'data-measure="spend">{money(Decimal("100.00") * days)}<' in body


def test_a_recipient_who_lost_access_gets_nothing(reported):
    schedule(reported["am_b"], account=reported["adv_b"])
    reported["adv_b"].account_manager = reported["am_a"]
    reported["adv_b"].save()
    send_due_reports()
    assert mail.outbox == []
    assert SentReport.objects.get().status == "skipped"


def test_executive_schedule_for_an_executive(reported):
    schedule(reported["executive"], kind="executive_monthly")
    send_due_reports()
    assert "Advertiser B" in mail.outbox[0].body and "Executive report" in mail.outbox[0].subject


def test_an_inactive_schedule_sends_nothing(reported):
    schedule(reported["am_a"], account=reported["adv_a"], is_active=False)
    send_due_reports()
    assert mail.outbox == [] and not SentReport.objects.exists()


def test_an_executive_may_schedule_a_report_to_themselves(client, reported):
    client.force_login(reported["executive"])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": reported["executive"].pk, "kind": "account_weekly", "account": reported["secret"].pk,
        "format": "xlsx"})
    assert response.status_code == 302
    created = ReportSchedule.objects.get()
    assert created.recipient == reported["executive"] and created.period == "week"
    assert AuditEntry.objects.filter(action="reports.schedule_created").exists()


def test_nobody_but_an_admin_schedules_reports_for_someone_else(client, reported):
    client.force_login(reported["am_a"])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": reported["am_b"].pk, "kind": "account_monthly", "account": reported["adv_a"].pk,
        "format": "xlsx"})
    assert response.status_code == 200 and "recipient" in response.context["form"].errors
    assert not ReportSchedule.objects.exists()


def test_an_admin_cannot_schedule_a_report_the_recipient_may_not_see(client, reported):
    client.force_login(reported["admin"])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": reported["am_a"].pk, "kind": "account_monthly", "account": reported["adv_b"].pk,
        "format": "xlsx"})
    assert response.status_code == 403 and not ReportSchedule.objects.exists()


def test_account_reports_need_an_account(client, reported):
    client.force_login(reported["am_a"])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": reported["am_a"].pk, "kind": "account_monthly", "format": "xlsx"})
    assert "account" in response.context["form"].errors


def test_schedules_are_edited_and_deactivated_never_deleted(client, reported):
    mine = schedule(reported["am_a"], account=reported["adv_a"])
    client.force_login(reported["am_a"])
    response = client.post(reverse("reports:schedule_edit", args=[mine.pk]), {
        "kind": "account_weekly", "account": reported["adv_a"].pk, "format": "csv", "is_active": "on"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.kind, mine.format, mine.is_active) == ("account_weekly", "csv", True)
    client.post(reverse("reports:schedule_deactivate", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.is_active is False
    entry = AuditEntry.objects.get(action="reports.schedule_updated")
    assert entry.changes["kind"] == ["account_monthly", "account_weekly"]


def test_report_list_shows_schedules_and_history(client, reported):
    schedule(reported["am_a"], account=reported["adv_a"])
    schedule(reported["am_b"], account=reported["adv_b"])
    send_due_reports()
    client.force_login(reported["am_a"])
    page = client.get(reverse("reports:report_list")).content.decode()
    assert "Advertiser A" in page and "Advertiser B" not in page and "Secret Brand" not in page
    assert page.count('class="status sent"') == 1


def test_attachment_is_a_readable_workbook(reported):
    from openpyxl import load_workbook

    schedule(reported["am_a"], account=reported["adv_a"])
    send_due_reports()
    sheet = load_workbook(io.BytesIO(mail.outbox[0].attachments[0][1])).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Section", "Item", "Value"] and values[2][:3] == ["Report", "Account", "Advertiser A"]


def test_demo_schedules_have_history_and_the_next_run_sends_only_the_missing_period(db):
    from django.core.management import call_command

    call_command("seed_demo")
    schedules = ReportSchedule.objects.count()
    assert schedules == 3 and SentReport.objects.filter(status="sent").count() == 9
    for _run in range(2):
        with TestCase.captureOnCommitCallbacks(execute=True):
            send_scheduled_reports.delay()
    assert len(mail.outbox) == schedules
    assert SentReport.objects.count() == 12


def test_an_executive_report_schedule_ignores_a_chosen_account(client, reported):
    client.force_login(reported["analyst"])
    response = client.post(reverse("reports:schedule_create"), {
        "recipient": reported["analyst"].pk, "kind": "executive_monthly", "account": reported["adv_a"].pk,
        "format": "csv"})
    assert response.status_code == 302
    assert ReportSchedule.objects.get().account is None
