"""ROI is now written as a percentage everywhere (reports.kpis): a stored ROI target of 1.5
(meaning +150 %) becomes 150, so targets are entered and shown the same way."""

from decimal import Decimal

from django.db import migrations
from django.db.models import F

HUNDRED = Decimal(100)


def to_percent(apps, schema_editor):
    KpiTarget = apps.get_model("campaigns", "KpiTarget")
    KpiTarget.objects.filter(kpi="roi").update(target=F("target") * HUNDRED,
                                               at_risk_threshold=F("at_risk_threshold") * HUNDRED)


def to_ratio(apps, schema_editor):
    KpiTarget = apps.get_model("campaigns", "KpiTarget")
    KpiTarget.objects.filter(kpi="roi").update(target=F("target") / HUNDRED,
                                               at_risk_threshold=F("at_risk_threshold") / HUNDRED)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0009_campaign_currency_iso_choice")]
    operations = [migrations.RunPython(to_percent, to_ratio)]
