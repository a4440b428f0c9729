"""Redis stopped under a page view, a form submission, an import and a report: pages work without
the cache, writes are kept, the work they enqueue waits in the database and goes when Redis is
back, exactly once. Real Redis (our own, on a private port), gunicorn, a Celery worker and beat."""

import time

import pytest
import requests
from django.urls import reverse

from campaigns.models import DailyPerformance
from feedback.models import Feedback
from imports.models import ImportJob
from outbox.models import OutgoingMessage, TaskMessage
from reports.models import ReportSchedule, SentReport
from tests.factories import TEST_PASSWORD, AccountFactory, UserFactory
from tests.faults.stack import ROOT, post_form, sign_in, wait_for
from tests.feedback.factories import FeedbackLinkFactory
from tests.imports.factories import campaigns_named

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
QUICK = 3.0  # seconds a request may take with Redis down (a busy CI machine included; it was 19 s)
LOW_RATING = {"rating": "1", "nps": "2", "kind": "ad_performance",
              "text": "Conversions were poor and the report was late.", "author_name": "Li Na",
              "author_contact": "li.na@example.com"}


def delivery_task_states():
    return set(TaskMessage.objects.filter(task_name="outbox.tasks.deliver_message").values_list("status", flat=True))


def test_partner_feedback_sent_while_redis_is_down_is_kept_and_its_email_goes_once_redis_is_back(
        make_stack, redis, smtp):
    owner = UserFactory(role="account_manager", email="owner@example.com")
    link = FeedbackLinkFactory(account=AccountFactory(account_manager=owner))
    smtp.start()
    stack = make_stack()
    stack.start_web()
    stack.start_worker()
    stack.start_beat()

    redis.stop()
    partner = requests.Session()
    form_url = stack.url + link.get_public_url()
    assert partner.get(form_url, timeout=10).status_code == 200
    response, took = post_form(partner, form_url, LOW_RATING)

    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"] == reverse("feedback:partner_thanks") and took < QUICK
    assert "Thank you" in partner.get(stack.url + response.headers["Location"], timeout=10).text
    feedback = Feedback.objects.get(link=link)
    assert feedback.text == LOW_RATING["text"]
    email = OutgoingMessage.objects.get(to=[owner.email])
    assert email.status == OutgoingMessage.Status.QUEUED
    assert delivery_task_states() == {TaskMessage.Status.PENDING}
    time.sleep(3)
    assert smtp.handler.messages_to(owner.email) == []  # nothing can move without the broker

    redis.start()
    wait_for(lambda: smtp.handler.messages_to(owner.email), 90, "the owner's email after Redis returned")
    time.sleep(6)  # several relay ticks: a doubled send would arrive now
    assert len(smtp.handler.messages_to(owner.email)) == 1
    email.refresh_from_db()
    assert email.status == OutgoingMessage.Status.SENT and email.attempts == 1
    assert Feedback.objects.filter(link=link).count() == 1
    assert delivery_task_states() == {TaskMessage.Status.DONE}


def test_pages_and_the_roi_dashboard_work_without_the_cache(make_stack, redis):
    UserFactory(role="admin", username="boss")
    stack = make_stack()
    stack.start_web()
    redis.stop()
    session = sign_in(stack, "boss", TEST_PASSWORD)
    for path in (reverse("reports:dashboard"), reverse("home"), reverse("reports:report_list")):
        started = time.monotonic()
        response = session.get(stack.url + path, timeout=30)
        assert response.status_code == 200, (path, response.status_code)
        assert time.monotonic() - started < 5 * QUICK, path
    assert "ROI" in session.get(stack.url + reverse("reports:dashboard"), timeout=30).text


def test_an_import_mapped_while_redis_is_down_is_checked_and_imported_once_when_it_returns(
        make_stack, redis):
    lead = UserFactory(role="project_lead", username="lead")
    advertiser = AccountFactory()
    publisher = AccountFactory(side="publisher", kind="kol")
    campaigns_named(lead, advertiser, "Autumn Launch - Skincare", "Brand Awareness Q4", "Singles Day Push")
    stack = make_stack()
    stack.start_web()
    stack.start_worker()
    stack.start_beat()
    session = sign_in(stack, "lead", TEST_PASSWORD)

    redis.stop()
    sample = (ROOT / "tests/imports/samples/meta_ads_export.csv").read_bytes()
    session.get(stack.url + reverse("imports:upload"), timeout=10)
    response, _took = post_form(session, stack.url + reverse("imports:upload"), {"source": "Meta Ads"},
                                files={"file": ("meta.csv", sample, "text/csv")})
    assert response.status_code == 302, response.text[:500]
    job = ImportJob.objects.get()
    mapping = {f"column_{name}": header for name, header in job.columns.items()}
    mapping.update(publisher=publisher.pk, platform="meta")
    response, took = post_form(session, stack.url + reverse("imports:mapping", args=[job.pk]), mapping)

    assert response.status_code == 302 and took < QUICK, (response.status_code, took)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATING
    assert "Checking rows" in session.get(stack.url + job.get_absolute_url(), timeout=10).text
    assert TaskMessage.objects.get(task_name="imports.tasks.validate_import").status == "pending"

    redis.start()
    wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.VALIDATED, 90,
             "the import to be checked after Redis returned")
    response, _took = post_form(session, stack.url + reverse("imports:commit", args=[job.pk]), {"mode": "all", "outside": "extend"})
    assert response.status_code == 302
    wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.DONE, 90, "the import to finish")
    time.sleep(5)
    job.refresh_from_db()
    assert (job.good_rows, job.inserted, job.updated) == (42, 42, 0)
    assert DailyPerformance.objects.count() == 42
    assert "Imported" in session.get(stack.url + job.get_absolute_url(), timeout=10).text


def test_a_scheduled_report_survives_redis_down_and_smtp_refusing_then_accepting(make_stack, redis, smtp):
    reader = UserFactory(role="account_manager", username="reader", email="reader@example.com")
    account = AccountFactory(account_manager=reader, name="Panda Snacks")
    ReportSchedule.objects.create(recipient=reader, kind="account_monthly", account=account, created_by=reader)
    stack = make_stack()
    stack.start_web()
    stack.start_worker()
    stack.start_beat()

    redis.stop()  # the beat run that fans the reports out cannot reach the broker
    stack.manage("from reports.tasks import send_scheduled_reports; send_scheduled_reports()")
    assert TaskMessage.objects.get(task_name="reports.tasks.send_scheduled_report").status == "pending"
    assert not SentReport.objects.exists()

    redis.start()  # SMTP is not running yet: the connection is refused
    wait_for(lambda: OutgoingMessage.objects.filter(attempts__gte=1, status="queued").exists(), 90,
             "a first, refused, delivery attempt")
    refused = OutgoingMessage.objects.get()
    assert "Connection refused" in refused.last_error or "111" in refused.last_error, refused.last_error
    assert SentReport.objects.get().status == SentReport.Status.SENDING
    session = sign_in(stack, "reader", TEST_PASSWORD)
    assert "Sending" in session.get(stack.url + reverse("reports:report_list"), timeout=10).text

    smtp.handler.refusing = True  # the server is up but answers "451 try later"
    smtp.start()
    wait_for(lambda: smtp.handler.refused >= 1, 60, "the server to refuse once")
    smtp.handler.refusing = False
    wait_for(lambda: smtp.handler.messages_to(reader.email), 60, "the report email")
    time.sleep(6)
    assert len(smtp.handler.messages_to(reader.email)) == 1
    sent = SentReport.objects.get()
    assert sent.status == SentReport.Status.SENT and sent.sent_at
    message = OutgoingMessage.objects.get()
    assert message.status == "sent" and message.attempts >= 3 and message.last_error == ""
    assert b"Panda Snacks" in smtp.handler.messages_to(reader.email)[0].content
