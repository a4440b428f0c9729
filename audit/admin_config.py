from django.contrib.admin.apps import AdminConfig


class AuditedAdminConfig(AdminConfig):
    """django.contrib.admin with the audited site (audit/admin_site.py) as `admin.site`."""

    default_site = "audit.admin_site.AuditedAdminSite"
