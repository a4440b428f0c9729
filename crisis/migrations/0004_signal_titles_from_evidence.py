"""Signals raised before titles were stored as codes get one worded from their evidence, so they
too read in each reader's language; a signal whose evidence cannot word it keeps its text."""

from django.db import migrations

from crisis.signal_titles import title_data


def word_old_titles(apps, schema_editor):
    Signal = apps.get_model("crisis", "Signal")
    for signal in Signal.objects.select_related("rule", "campaign", "account").iterator():
        if signal.title_data:
            continue
        data = title_data(signal.rule.kind, signal.evidence or {},
                          campaign=signal.campaign.name if signal.campaign_id else "", account=signal.account.name)
        if data:
            Signal.objects.filter(pk=signal.pk).update(title_data=data)


class Migration(migrations.Migration):

    dependencies = [
        ("crisis", "0003_messages_in_reader_language"),
    ]

    operations = [
        migrations.RunPython(word_old_titles, migrations.RunPython.noop),
    ]
