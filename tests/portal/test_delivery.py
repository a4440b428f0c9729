"""Replies, statements and review links reach the partner: through the outbox, by email over a
real (local) SMTP server or by the group webhook of their preferred channel (a local HTTP server),
with status shown where the reply is, retries with backoff, failure with its reason, nothing sent
twice, and the SLA clock stopped when the reply was *sent*."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import services as feedback_services
from outbox.mail import deliver, messages_about
from outbox.models import OutgoingMessage
from tests.faults.stack import SmtpServer, free_port
from tests.feedback.factories import FeedbackFactory

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost that the outbox talks to (answers 451 while `refusing`)."""
    server = SmtpServer()
    server.start()
    settings.MAILERS = {"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": {
        "host": "127.0.0.1", "port": server.port, "timeout": 5}}}
    yield server.handler
    server.stop()


class _Robot(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(json.loads(body))
        answer = self.server.answers.pop(0) if self.server.answers else (200, {"errcode": 0, "errmsg": "ok"})
        self.send_response(answer[0])
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer[1]).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    """A local stand-in for a WeCom / DingTalk group robot: records what it gets."""
    server = HTTPServer(("127.0.0.1", free_port()), _Robot)
    server.received, server.answers = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test"
    yield server
    server.shutdown()


@pytest.fixture
def feedback(partners):
    return FeedbackFactory(account=partners["adv_a"], author_contact="chen@brand-a.example",
                           received_at=timezone.now() - timedelta(hours=2), text="Too long")


def _reply(partners, feedback, capture, text="We will cut it"):
    with capture(execute=True):
        return feedback_services.add_reply(user=partners["am_a"], feedback=feedback, kind="partner", text=text)


def test_a_reply_is_emailed_to_the_partner_and_the_sla_clock_stops_when_it_was_sent(
        partners, feedback, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.refusing = True
    reply = _reply(partners, feedback, django_capture_on_commit_callbacks)
    message = messages_about(reply).get()
    feedback.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1) and "451" in message.last_error
    assert feedback.first_response_at is None  # written is not answered

    smtp_server.refusing = False
    with django_capture_on_commit_callbacks(execute=True):
        deliver(message.pk)
    message.refresh_from_db()
    feedback.refresh_from_db()
    assert message.status == "sent" and len(smtp_server.messages_to("chen@brand-a.example")) == 1
    assert feedback.first_response_at == message.sent_at > reply.created_at
    assert deliver(message.pk) is None  # a redelivered task sends nothing twice
    assert len(smtp_server.messages_to("chen@brand-a.example")) == 1


def test_a_permanently_refused_reply_is_failed_with_its_reason_shown_where_the_reply_is(
        client, partners, feedback, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": {
        "host": "127.0.0.1", "port": free_port(), "timeout": 2}}}  # nobody listens there
    settings.EMAIL_MAX_ATTEMPTS = 2
    reply = _reply(partners, feedback, django_capture_on_commit_callbacks)
    message = messages_about(reply).get()
    assert message.status == "queued" and "refused" in message.last_error.lower()
    deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "failed"
    client.force_login(partners["am_a"])
    page = client.get(reverse("feedback:feedback_detail", args=[feedback.pk])).content.decode()
    assert 'data-delivery="failed"' in page and "Connection" in page
    feedback.refresh_from_db()
    assert feedback.first_response_at is None


def test_the_partner_sees_the_reply_in_the_portal(client, partners, feedback, django_capture_on_commit_callbacks):
    _reply(partners, feedback, django_capture_on_commit_callbacks, text="Cut to 15 seconds")
    client.force_login(partners["client"])
    page = client.get(reverse("portal:feedback_detail", args=[feedback.pk])).content.decode()
    assert "Cut to 15 seconds" in page


def test_a_contact_who_prefers_wecom_gets_the_reply_through_the_group_webhook(
        partners, feedback, robot, django_capture_on_commit_callbacks):
    contact = partners["client_contact"]
    contact.preferred_channel, contact.webhook_url = "WeCom", robot.url
    contact.save()
    robot.answers.append((502, {}))  # the robot is down once: retried later
    reply = _reply(partners, feedback, django_capture_on_commit_callbacks, text="Cut to 15 seconds")
    message = messages_about(reply).get()
    assert (message.channel, message.status, message.attempts) == ("webhook", "queued", 1)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "sent"
    assert robot.received[-1]["msgtype"] == "text" and "Cut to 15 seconds" in robot.received[-1]["text"]["content"]
    feedback.refresh_from_db()
    assert feedback.first_response_at == message.sent_at


def test_a_webhook_refusal_in_the_answer_body_fails_the_message_with_the_reason(
        partners, feedback, robot, django_capture_on_commit_callbacks):
    contact = partners["client_contact"]
    contact.preferred_channel, contact.webhook_url = "dingtalk", robot.url
    contact.save()
    robot.answers.append((200, {"errcode": 310000, "errmsg": "keywords not in content"}))
    reply = _reply(partners, feedback, django_capture_on_commit_callbacks)
    message = messages_about(reply).get()
    assert message.status == "failed" and "keywords not in content" in message.last_error


def test_a_statement_to_the_partner_goes_to_its_portal_users(partners, django_capture_on_commit_callbacks):
    from crisis import services as crisis_services
    from crisis.models import Incident

    incident = crisis_services.open_incident(
        user=partners["am_a"], owner=partners["am_a"], title="Wrong price shown", incident_type=Incident.Type.PERFORMANCE,
        severity="high", scope=Incident.Scope.CAMPAIGN, accounts=[partners["adv_a"]], campaigns=[partners["campaign_a"]])
    with django_capture_on_commit_callbacks(execute=True):
        statement = crisis_services.record_statement(
            user=partners["am_a"], incident=incident, audience="advertiser", channel="email",
            body="We corrected the price within the hour.", sent_at=timezone.now(), account=partners["adv_a"])
    sent = messages_about(statement).get()
    assert sent.to == ["chen@brand-a.example"] and sent.status == "sent"
    assert OutgoingMessage.objects.filter(to=["kai@kol.example"]).count() == 0


def test_an_account_manager_schedules_the_monthly_report_to_the_clients_contact(
        partners, smtp_server, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    from reports.models import ReportSchedule
    from reports.schedules import create_schedule, send_due_reports

    schedule = create_schedule(user=partners["am_a"], recipient=partners["client"],
                               kind=ReportSchedule.Kind.ACCOUNT_MONTHLY, account=partners["adv_a"])
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reports()
    assert len(smtp_server.messages_to("chen@brand-a.example")) == 1
    assert schedule.sent_reports.get().status == "sent"
    with pytest.raises(PermissionDenied):  # a publisher's account report would show advertisers' revenue
        create_schedule(user=partners["am_a"], recipient=partners["kol"],
                        kind=ReportSchedule.Kind.ACCOUNT_MONTHLY, account=partners["publisher"])
