from django.db import migrations

from campaigns.default_plan import install_default_template


def install(apps, schema_editor):
    install_default_template(apps.get_model("campaigns", "PlanTemplate"),
                             apps.get_model("campaigns", "PlanTemplateStep"))


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0002_plan_templates_reviews"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
