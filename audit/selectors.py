from audit.models import AuditEntry


def history_of(obj, limit=50):
    return AuditEntry.objects.for_object(obj).select_related("actor")[:limit]
