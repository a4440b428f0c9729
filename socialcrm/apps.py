from django.apps import AppConfig


class SocialCRMConfig(AppConfig):
    name = "socialcrm"
    verbose_name = "SocialCRM"
