"""Every email goes through the outbox: recorded with its status, sent by a task with a timeout,
retried with backoff while SMTP is down, failed with the reason when refused for good, and never
sent twice."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify
from outbox.mail import deliver, due_messages, messages_about, queue_email
from outbox.models import OutgoingMessage
from outbox.tasks import retry_due_messages
from reports.models import ReportSchedule, SentReport
from reports.schedules import resume_stuck_reports, send_due_reports
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(monkeypatch):
    """The SMTP server, as the backend sees it: up, down (refusing connections) or rejecting."""
    state = {"error": None}
    real_send = EmailMessage.send

    def send(message, *args, **kwargs):
        if state["error"] is not None:
            raise state["error"]
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    return state


def committed(function, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def test_a_notification_email_is_queued_with_the_notification_and_sent_by_a_task(smtp):
    user = UserFactory(email="li@example.com")
    notification = committed(notify, recipient=user, kind="test", message="Milestone due", dedupe_key="k1")
    message = messages_about(notification).get()
    assert message.status == OutgoingMessage.Status.SENT and message.attempts == 1
    assert [m.to for m in mail.outbox] == [["li@example.com"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<{message.pk}.notification.")
    notification.refresh_from_db()
    assert notification.emailed_at == message.sent_at


def test_no_email_is_sent_inside_the_transaction_that_asked_for_it(smtp):
    user = UserFactory(email="li@example.com")
    notify(recipient=user, kind="test", message="Milestone due", dedupe_key="k1")  # never committed
    assert mail.outbox == [] and OutgoingMessage.objects.get().status == OutgoingMessage.Status.QUEUED


def test_an_smtp_outage_postpones_with_backoff_and_the_email_goes_once_smtp_is_back(smtp, settings):
    user = UserFactory(email="li@example.com")
    smtp["error"] = ConnectionRefusedError(111, "Connection refused")
    notification = committed(notify, recipient=user, kind="test", message="Milestone due", dedupe_key="k1")
    message = messages_about(notification).get()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.QUEUED, 1)
    assert "Connection refused" in message.last_error
    assert message.next_attempt_at - timezone.now() > timedelta(seconds=settings.EMAIL_RETRY_BASE - 5)
    assert list(due_messages()) == []  # not yet due

    committed(deliver, message.pk)  # a second failure doubles the wait
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - timezone.now() > timedelta(seconds=2 * settings.EMAIL_RETRY_BASE - 5)

    smtp["error"] = None
    OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert committed(retry_due_messages.delay).result == 1
    committed(retry_due_messages.delay)
    committed(deliver, message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT and message.last_error == ""
    assert len(mail.outbox) == 1


def test_a_permanent_refusal_fails_with_the_reason_and_is_not_retried(smtp):
    user = UserFactory(email="nobody@example.com")
    smtp["error"] = smtplib.SMTPResponseException(550, b"5.1.1 mailbox unavailable")
    notification = committed(notify, recipient=user, kind="test", message="Hello", dedupe_key="k1")
    message = messages_about(notification).get()
    assert message.status == OutgoingMessage.Status.FAILED and "mailbox unavailable" in message.last_error
    assert list(due_messages(timezone.now() + timedelta(days=1))) == []


def test_too_many_failed_attempts_fail_the_message(smtp, settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    smtp["error"] = TimeoutError("timed out")
    message = committed(queue_email, key="k", to=["a@example.com"], subject="S", body="B")
    committed(deliver, message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED and "TimeoutError" in message.last_error


def test_the_same_key_queues_one_message_and_a_sent_message_is_never_sent_again(smtp):
    first = committed(queue_email, key="reply:7", to=["a@example.com"], subject="S", body="B")
    second = committed(queue_email, key="reply:7", to=["a@example.com"], subject="S", body="B")
    assert first == second and deliver(first.pk) is None
    assert len(mail.outbox) == 1


def test_a_send_cut_off_by_a_crash_is_tried_again_but_one_in_progress_is_left_alone(smtp, settings):
    message = queue_email(key="k", to=["a@example.com"], subject="S", body="B")
    OutgoingMessage.objects.filter(pk=message.pk).update(status="sending", sending_since=timezone.now())
    assert deliver(message.pk) is None and list(due_messages()) == []
    crashed = timezone.now() - timedelta(seconds=settings.EMAIL_SENDING_STALE + 1)
    OutgoingMessage.objects.filter(pk=message.pk).update(sending_since=crashed)
    assert list(due_messages()) == [message]
    assert deliver(message.pk).status == OutgoingMessage.Status.SENT and len(mail.outbox) == 1


@pytest.fixture
def report_schedule(alliance):
    return ReportSchedule.objects.create(recipient=alliance["am_a"], kind="account_monthly",
                                         account=alliance["adv_a"], created_by=alliance["am_a"])


def test_a_report_email_refused_for_good_shows_failed_with_the_reason(smtp, report_schedule, client):
    smtp["error"] = smtplib.SMTPRecipientsRefused({"am_a@example.com": (550, b"no such user")})
    committed(send_due_reports)
    sent = SentReport.objects.get()
    assert sent.status == SentReport.Status.FAILED and "SMTPRecipientsRefused" in sent.detail
    client.force_login(report_schedule.recipient)
    assert 'class="status failed"' in client.get(reverse("reports:report_list")).content.decode()


def test_a_report_stays_sending_while_smtp_is_down_then_is_sent(smtp, report_schedule):
    smtp["error"] = ConnectionRefusedError(111, "Connection refused")
    committed(send_due_reports)
    assert SentReport.objects.get().status == SentReport.Status.SENDING
    smtp["error"] = None
    committed(deliver, OutgoingMessage.objects.get().pk)
    sent = SentReport.objects.get()
    assert sent.status == SentReport.Status.SENT and sent.sent_at and len(mail.outbox) == 1


def test_a_report_a_crash_left_sending_is_resumed_once(smtp, report_schedule):
    claim = SentReport.objects.create(schedule=report_schedule, recipient=report_schedule.recipient,
                                      period_start="2026-10-01", period_end="2026-10-31")
    SentReport.objects.filter(pk=claim.pk).update(created_at=timezone.now() - timedelta(hours=1))
    committed(resume_stuck_reports)
    committed(resume_stuck_reports)
    claim.refresh_from_db()
    assert claim.status == SentReport.Status.SENT and len(mail.outbox) == 1
    assert "2026-10" in mail.outbox[0].subject


def test_an_outcome_the_crash_did_not_copy_is_copied(smtp, report_schedule):
    smtp["error"] = ConnectionRefusedError(111, "Connection refused")
    committed(send_due_reports)
    OutgoingMessage.objects.update(status="sent", sent_at=timezone.now())  # sent, then the crash
    SentReport.objects.update(created_at=timezone.now() - timedelta(hours=1))
    resume_stuck_reports()
    assert SentReport.objects.get().status == SentReport.Status.SENT and mail.outbox == []


def test_notifications_record_nothing_when_the_user_has_no_email(smtp):
    user = UserFactory(email="")
    committed(notify, recipient=user, kind="test", message="Hello", dedupe_key="k1")
    assert Notification.objects.count() == 1 and not OutgoingMessage.objects.exists()


def test_an_admin_sees_the_email_log_and_retries_a_failed_message(smtp, admin_client):
    smtp["error"] = smtplib.SMTPResponseException(554, b"rejected")
    message = committed(queue_email, key="k", to=["a@example.com"], subject="Report October", body="B")
    page = admin_client.get(reverse("admin:outbox_outgoingmessage_changelist")).content.decode()
    assert "Report October" in page and "rejected" in page
    smtp["error"] = None
    with TestCase.captureOnCommitCallbacks(execute=True):
        admin_client.post(reverse("admin:outbox_outgoingmessage_changelist"),
                          {"action": "retry_now", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT and len(mail.outbox) == 1
