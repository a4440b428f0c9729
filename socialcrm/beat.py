"""The clock of the application: every periodic job, in one place.

Each task is idempotent (it records what it already did), so a missed or doubled tick is harmless.
"""

from celery.schedules import crontab

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
