from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts.models import User
from socialcrm.demo import DEMO_PASSWORD, LANGUAGES, DemoContext, seed_all

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load the demo alliance: staff in every role, accounts, campaigns and 180 days of metrics."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already has staff.")
        parser.add_argument("--language", choices=LANGUAGES, default="en",
                            help="The demo alliance's language: en (default) or zh (Simplified Chinese names, "
                                 "minutes, feedback and incidents; staff read notifications in Chinese).")

    def handle(self, *args, if_empty=False, language="en", **options):
        if User.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already present; nothing to do.")
                return
            self.stderr.write("The database already has users: seed_demo only fills an empty one.")
            return
        # Invented events raise in-app notifications but must not email anyone.
        with override_settings(MAILERS={"default": {"BACKEND": DUMMY_MAIL}}), transaction.atomic():
            ctx = seed_all(DemoContext(language=language))
        for line in ctx.log:
            self.stdout.write(line)
        logins = ", ".join(f"{user.username} ({user.get_role_display()})" for user in ctx.users.values())
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password {DEMO_PASSWORD}): {logins}"))
