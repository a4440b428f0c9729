"""Name what each existing notification is about, read from its dedupe key, so notifications sent
before this release are hidden too once their recipient may no longer see the thing."""

from django.db import migrations

# dedupe key prefix -> the kind of object whose pk follows it
SUBJECTS = {
    "account-shared": "accounts.account",
    "action-item-assigned": "accounts.actionitem",
    "action-item-due": "accounts.actionitem",
    "action-item-overdue": "accounts.actionitem",
    "cadence-overdue": "accounts.cadence",
    "milestone-due-soon": "campaigns.milestone",
    "milestone-due-today": "campaigns.milestone",
    "milestone-overdue": "campaigns.milestone",
    "milestone-escalated": "campaigns.milestone",
    "feedback-new": "feedback.feedback",
    "feedback-assigned": "feedback.feedback",
    "feedback-sla-breach": "feedback.feedback",
    "crisis-signal": "crisis.signal",
    "incident-role": "crisis.incident",
    "incident-owner": "crisis.incident",
    "incident-status": "crisis.incident",
    "incident-preventive": "crisis.incidentaction",
    "incident-action-overdue": "crisis.incidentaction",
    "incident-action-escalated": "crisis.incidentaction",
    "incident-action": "crisis.incidentaction",
}


def subject_of(dedupe_key):
    prefix, _colon, rest = dedupe_key.partition(":")
    pk = rest.split(":", 1)[0]
    if prefix in SUBJECTS and pk.isdigit():
        return SUBJECTS[prefix], int(pk)
    return None


def name_subjects(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    unnamed = Notification.objects.filter(subject_type="").only("pk", "dedupe_key")
    for notification in unnamed.iterator(chunk_size=2000):
        subject = subject_of(notification.dedupe_key)
        if subject:
            Notification.objects.filter(pk=notification.pk).update(subject_type=subject[0], subject_id=subject[1])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_notification_subject")]

    operations = [migrations.RunPython(name_subjects, migrations.RunPython.noop)]
