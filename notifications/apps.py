from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from notifications.models import Notification
        from notifications.services import record_emailed, still_worth_emailing
        from outbox.mail import send_only_if
        from outbox.signals import on_delivery_about

        on_delivery_about(Notification, record_emailed)
        send_only_if(Notification, still_worth_emailing)
