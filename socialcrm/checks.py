"""Deployment checks Django does not make itself."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 - names, not a bind


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Links in emails and calendar feeds are built from SITE_URL: a local one sends people nowhere."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL or "")
    if parts.hostname in LOCAL_HOSTS or parts.hostname is None:
        return [Warning(
            f"SITE_URL is {settings.SITE_URL!r}: links in emails and calendar feeds would point to "
            "this machine, not to the site.",
            hint="Set SITE_URL to the public address, e.g. https://crm.example.com.",
            id="socialcrm.W001")]
    if parts.scheme != "https":
        return [Warning(f"SITE_URL {settings.SITE_URL!r} is not https.",
                        hint="Use the https address people sign in at.", id="socialcrm.W002")]
    return []
