"""The clock of the application: every periodic job, in one place.

Each task is idempotent (it records what it already did), so a missed or doubled tick is harmless.
"""

import os

from celery.schedules import crontab

# How often the outbox relay and the email retries run (seconds); the fault tests shorten it.
OUTBOX_EVERY = float(os.environ.get("OUTBOX_BEAT_SECONDS", "60"))
RESUME_EVERY = float(os.environ.get("RESUME_BEAT_SECONDS", str(5 * 60)))

BEAT_SCHEDULE = {
    "milestone-reminders": {
        "task": "campaigns.tasks.send_milestone_reminders",
        "schedule": crontab(minute=0, hour="*/1"),
    },
    "cadence-check": {
        "task": "accounts.tasks.flag_overdue_cadences",
        "schedule": crontab(minute=5, hour=8),
    },
    "action-item-reminders": {
        "task": "accounts.tasks.remind_due_action_items",
        "schedule": crontab(minute=10, hour=8),
    },
    "feedback-sla": {
        "task": "feedback.tasks.flag_sla_breaches",
        "schedule": crontab(minute="*/15"),
    },
    "warning-rules": {
        "task": "crisis.tasks.evaluate_warning_rules",
        "schedule": crontab(minute=20, hour="*/1"),
    },
    "incident-action-escalation": {
        "task": "crisis.tasks.escalate_overdue_actions",
        "schedule": crontab(minute=25, hour="*/1"),
    },
    "trust-scores": {
        "task": "crisis.tasks.refresh_trust_scores",
        "schedule": crontab(minute=30, hour=3),
    },
    "scheduled-reports": {
        "task": "reports.tasks.send_scheduled_reports",
        "schedule": crontab(minute=0, hour=7),
    },
}

# The outbox: tasks waiting for the broker, emails waiting for SMTP, work a crash left half done.
BEAT_SCHEDULE |= {
    "outbox-relay": {
        "task": "outbox.tasks.relay_pending_tasks",
        "schedule": OUTBOX_EVERY,
    },
    "email-retries": {
        "task": "outbox.tasks.retry_due_messages",
        "schedule": OUTBOX_EVERY,
    },
    "stuck-reports": {
        "task": "reports.tasks.resume_stuck_reports",
        "schedule": RESUME_EVERY,
    },
    "stuck-imports": {
        "task": "imports.tasks.resume_stuck_imports",
        "schedule": RESUME_EVERY,
    },
}
