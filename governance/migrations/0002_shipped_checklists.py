from django.db import migrations

from governance.shipped import ensure_shipped_templates


def ship(apps, schema_editor):
    """The brand-protection (10) and digital-presence (15) checklists from the articles."""
    ensure_shipped_templates(apps.get_model("governance", "ChecklistTemplate"),
                             apps.get_model("governance", "TemplateItem"))


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_checklists_and_policies")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
