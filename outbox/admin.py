from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outbox.models import OutgoingMessage, TaskMessage


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "subject", "status", "attempts", "sent_at", "last_error")
    list_filter = ("status", "channel")
    search_fields = ("subject", "idempotency_key")
    readonly_fields = [field.name for field in OutgoingMessage._meta.fields]
    actions = ["retry_now"]

    @admin.action(description=_("Try failed or queued messages again now"))
    def retry_now(self, request, queryset):
        from outbox.tasks import deliver_message

        retried = queryset.filter(status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.QUEUED])
        ids = list(retried.values_list("pk", flat=True))
        retried.update(status=OutgoingMessage.Status.QUEUED, attempts=0, next_attempt_at=timezone.now())
        for message_id in ids:
            deliver_message.delay_on_commit(message_id)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskMessage)
class TaskMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "task_name", "status", "deliveries", "sent_at", "finished_at", "last_error")
    list_filter = ("status", "task_name")
    readonly_fields = [field.name for field in TaskMessage._meta.fields]
    actions = ["send_again"]

    @admin.action(description=_("Send failed tasks again (after the cause was fixed)"))
    def send_again(self, request, queryset):
        queryset.filter(status=TaskMessage.Status.FAILED).update(
            status=TaskMessage.Status.PENDING, deliveries=0, last_error="")

    def has_add_permission(self, request):
        return False
