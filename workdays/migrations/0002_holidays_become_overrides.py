from django.db import migrations


def copy_holidays(apps, schema_editor):
    Holiday = apps.get_model("campaigns", "Holiday")
    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(day=holiday.day, name=holiday.name, is_working_day=False)
         for holiday in Holiday.objects.all()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_calendar_overrides"),
        ("campaigns", "0003_default_plan_template"),
    ]
    operations = [migrations.RunPython(copy_holidays, migrations.RunPython.noop)]
