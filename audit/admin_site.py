"""The Django admin, audited: every add, change and delete made there enters the audit trail.

`AuditedAdminSite` is the project's admin site (see audit/admin_config.py): whatever ModelAdmin
an app registers, the site registers it with `AuditedAdminMixin` in front, so no model can be
changed in the admin without an entry like the ones the app's own services write.
"""

from django.contrib import admin

from audit.services import diff, record, snapshot

# Never copied into the trail: credentials and the secrets behind private links and feeds.
SECRET_FIELDS = frozenset({"password", "token", "nonce", "token_hash"})


def _visible(values):
    return {name: value for name, value in values.items() if name not in SECRET_FIELDS}


def _action(obj, verb):
    return f"{obj._meta.model_name}.admin_{verb}"


class AuditedAdminMixin:
    def save_model(self, request, obj, form, change):
        if change and obj.pk is not None:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            obj._audit_before = snapshot(stored) if stored is not None else {}
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        record(actor=request.user, action=_action(obj, "add"), target=obj,
               changes=_visible(snapshot(obj)), request=request)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        before = obj.__dict__.pop("_audit_before", None)
        changes = _visible(diff(before, snapshot(obj))) if before is not None else {}
        if not changes:  # e.g. a password set through its own form, or only inline rows changed
            changes = {"admin_message": str(message)}
        record(actor=request.user, action=_action(obj, "change"), target=obj, changes=changes,
               request=request)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        """Called before the rows go, for the delete page and the bulk "delete selected" action."""
        for obj in queryset:
            record(actor=request.user, action=_action(obj, "delete"), target=obj,
                   changes=_visible(snapshot(obj)), request=request)
        return super().log_deletions(request, queryset)

    def save_formset(self, request, form, formset, change):
        """Rows edited inline (e.g. an account's contacts) are audited one by one."""
        deleted = [inline.instance for inline in formset.deleted_forms if inline.instance.pk is not None]
        for obj in deleted:
            record(actor=request.user, action=_action(obj, "delete"), target=obj,
                   changes=_visible(snapshot(obj)), request=request)
        before = {inline.instance.pk: snapshot(type(inline.instance)._base_manager.get(pk=inline.instance.pk))
                  for inline in formset.initial_forms
                  if inline.instance.pk is not None and inline.has_changed() and inline not in formset.deleted_forms}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(actor=request.user, action=_action(obj, "add"), target=obj,
                   changes=_visible(snapshot(obj)), request=request)
        for obj, _fields in formset.changed_objects:
            record(actor=request.user, action=_action(obj, "change"), target=obj,
                   changes=_visible(diff(before.get(obj.pk, {}), snapshot(obj))), request=request)


def audited(admin_class):
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    return type(f"Audited{admin_class.__name__}", (AuditedAdminMixin, admin_class),
                {"__module__": admin_class.__module__})


class AuditedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, audited(admin_class or admin.ModelAdmin), **options)
