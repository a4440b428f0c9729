from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from audit.services import record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record(actor=user, action="login", target=user, request=request)


@receiver(user_login_failed)
def audit_login_failure(sender, credentials, request=None, **kwargs):
    record(actor=None, action="login_failed",
           changes={"username": credentials.get("username", "")[:150]}, request=request)


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs):
    record(actor=None, action="login_locked_out",
           changes={"username": (username or "")[:150], "ip": ip_address}, request=request)
