from django.forms.models import model_to_dict

from audit.models import AuditEntry
from socialcrm.client_ip import client_ip


def record(*, actor, action, target=None, changes=None, request=None):
    """Append one entry to the audit trail. Call it inside the write's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes=_jsonable(changes or {}),
        ip_address=client_ip(request) if request is not None else None,
    )


def snapshot(instance, fields=None):
    """The current values of a record, to diff against after an edit."""
    return _jsonable(model_to_dict(instance, fields=fields))


def diff(before, after):
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), value]
        for key, value in after.items()
        if before.get(key) != value
    }


def _jsonable(value):
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "pk"):
        return value.pk
    return str(value)
