"""Report schedules: who may open which report, who may schedule what, and the sending itself.

Rules (docs/reports.md):
- Every signed-in role may open the account report of an account it can see (404 otherwise).
- The executive report is for admins, executives and analysts (403 for the others).
- Anyone who may open a report may schedule it *to themselves*; only admins schedule for others.
  Scheduling is a personal delivery preference, not a change to CRM data, so read-only roles
  (executives, analysts) may do it too.
- A schedule is seen and changed by its recipient and by admins; others get 404. Schedules are
  deactivated, never deleted.
- A sent report is always built with the recipient's visibility at sending time.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation

from audit.services import diff, record, snapshot
from outbox.mail import messages_about, queue_email
from reports.account_report import ReportPeriod, account_report, executive_report
from reports.models import ReportSchedule, SentReport
from reports.report_tables import report_file, report_title
from socialcrm.messages import user_language
from socialcrm.visibility import (
    accounts_visible_to,
    can_read_executive_report,
    ensure_can_read_executive_report,
    is_partner,
    partner_may_receive_report,
)
from socialcrm.visibility import report_recipients_for as recipients_for

EDITABLE_FIELDS = ("kind", "account", "format", "is_active")
# A report still "sending" this long after its claim was cut off by a crash.
STUCK_AFTER_MINUTES = 10


def check_schedule(*, recipient, kind, account):
    """The recipient must be allowed to read the report; raises PermissionDenied otherwise."""
    if is_partner(recipient) and not partner_may_receive_report(recipient, kind, account):
        raise PermissionDenied
    if kind == ReportSchedule.Kind.EXECUTIVE_MONTHLY:
        if not can_read_executive_report(recipient):
            raise PermissionDenied
    elif account is None or not accounts_visible_to(recipient).filter(pk=account.pk).exists():
        raise PermissionDenied


@transaction.atomic
def create_schedule(*, user, recipient, kind, account=None, format=ReportSchedule.Format.XLSX,
                    request=None):
    if not recipients_for(user).filter(pk=recipient.pk).exists():
        raise PermissionDenied
    account = account if kind in ReportSchedule.ACCOUNT_KINDS else None
    check_schedule(recipient=recipient, kind=kind, account=account)
    schedule = ReportSchedule.objects.create(recipient=recipient, kind=kind, account=account,
                                             format=format, created_by=user)
    record(actor=user, action="reports.schedule_created", target=schedule, request=request,
           changes=snapshot(schedule, EDITABLE_FIELDS))
    return schedule


@transaction.atomic
def update_schedule(*, user, schedule, kind, account=None, format, is_active, request=None):
    before = snapshot(schedule, EDITABLE_FIELDS)
    account = account if kind in ReportSchedule.ACCOUNT_KINDS else None
    check_schedule(recipient=schedule.recipient, kind=kind, account=account)
    schedule.kind, schedule.account, schedule.format, schedule.is_active = kind, account, format, is_active
    schedule.save()
    record(actor=user, action="reports.schedule_updated", target=schedule, request=request,
           changes=diff(before, snapshot(schedule, EDITABLE_FIELDS)))
    return schedule


@transaction.atomic
def deactivate_schedule(*, user, schedule, request=None):
    if schedule.is_active:
        schedule.is_active = False
        schedule.save(update_fields=["is_active", "updated_at"])
        record(actor=user, action="reports.schedule_deactivated", target=schedule, request=request)
    return schedule


def build_report(schedule, period, today=None):
    """The schedule's report for one period, with the recipient's visibility (may raise Http404 or
    PermissionDenied when the recipient lost access)."""
    recipient = schedule.recipient
    if is_partner(recipient) and not partner_may_receive_report(recipient, schedule.kind, schedule.account):
        raise PermissionDenied
    if schedule.is_account_report:
        return account_report(recipient, schedule.account_id, period, today)
    ensure_can_read_executive_report(recipient)
    return executive_report(recipient, period, today)


def send_due_reports(today=None):
    """Queue every active schedule's latest complete period once; returns the SentReports handled.

    A report is built here (with the recipient's visibility now) and queued in the email outbox;
    its SentReport says "sending" until the outbox reports it sent or failed.
    """
    today = today or timezone.localdate()
    handled = []
    for schedule in ReportSchedule.objects.filter(is_active=True).select_related("recipient", "account"):
        sent = send_for_period(schedule, ReportPeriod.last_complete(schedule.period, today), today)
        if sent is not None:
            handled.append(sent)
    return handled


def send_for_period(schedule, period, today):
    """Claim (schedule, period) and queue it; None when another run already claimed it."""
    claim = _claim(schedule, period)
    return None if claim is None else _build_and_queue(claim, period, today)


def resume_stuck_reports(now=None):
    """Finish what a crash left "sending": queue reports never queued, copy outcomes not copied.

    Returns the SentReports it touched. Safe to run any time: the email's idempotency key
    (one per SentReport) means a report is never queued, nor sent, twice.
    """
    now = now or timezone.now()
    stuck = SentReport.objects.filter(status=SentReport.Status.SENDING,
                                      created_at__lte=now - timedelta(minutes=STUCK_AFTER_MINUTES))
    touched = []
    for claim in stuck.select_related("schedule", "schedule__recipient", "schedule__account"):
        message = messages_about(claim).first()
        if message is None:
            period = ReportPeriod(claim.schedule.period, claim.period_start)
            touched.append(_build_and_queue(claim, period, timezone.localdate(now)))
        elif message.status in (message.Status.SENT, message.Status.FAILED):
            touched.append(record_delivery(message))
    return touched


def record_delivery(message):
    """The outbox finished a report's email: the SentReport says sent, or failed and why."""
    claim = SentReport.objects.get(pk=message.about_id)
    if message.status == message.Status.SENT:
        return _finish(claim, SentReport.Status.SENT, "", sent_at=message.sent_at)
    return _finish(claim, SentReport.Status.FAILED, message.last_error[:300])


def _build_and_queue(claim, period, today):
    schedule = claim.schedule
    recipient = schedule.recipient
    if not recipient.is_active or not recipient.email:
        return _finish(claim, SentReport.Status.SKIPPED, "recipient has no active email address")
    try:
        report = build_report(schedule, period, today)
    except (Http404, PermissionDenied):
        return _finish(claim, SentReport.Status.SKIPPED, "recipient may no longer see this report")
    _queue_email(claim, schedule, report)
    return claim


def _claim(schedule, period):
    try:
        with transaction.atomic():
            return SentReport.objects.create(schedule=schedule, recipient=schedule.recipient,
                                             email=schedule.recipient.email, period_start=period.start,
                                             period_end=period.end)
    except IntegrityError:
        return None


def _finish(claim, status, detail, sent_at=None):
    claim.status, claim.detail, claim.sent_at = status, detail, sent_at
    claim.save(update_fields=["status", "detail", "sent_at"])
    return claim


def _queue_email(claim, schedule, report):
    """The report reaches its recipient in their language: subject, body and attached file."""
    with translation.override(user_language(schedule.recipient)):
        subject = f"[SocialCRM] {report_title(report)}"
        body = render_to_string("reports/report_email.html", {"report": report})
        filename, attachment = report_file(report, schedule.format)
    queue_email(key=f"sent-report:{claim.pk}", to=[schedule.recipient.email], subject=subject,
                body=body, html=True, about=claim,
                attachments=[(filename, attachment.content, attachment["Content-Type"])])
