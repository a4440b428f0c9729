from django.db import migrations

DEFAULT_HOURS = {"urgent": 4, "high": 24, "normal": 48, "low": 120}


def create_defaults(apps, schema_editor):
    SlaPolicy = apps.get_model("feedback", "SlaPolicy")
    for priority, hours in DEFAULT_HOURS.items():
        SlaPolicy.objects.get_or_create(priority=priority, defaults={"respond_within_hours": hours})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_replies_sla_links_redactions")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
