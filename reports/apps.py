from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from outbox.signals import on_delivery_about
        from reports.models import SentReport
        from reports.schedules import record_delivery

        on_delivery_about(SentReport, record_delivery)
