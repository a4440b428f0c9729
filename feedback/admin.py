"""Admin: SLA policies are configured here. Feedback and its thread are read-only and never deleted:
every change to feedback goes through the app, where it is checked and audited."""

from django.contrib import admin

from feedback.models import Feedback, FeedbackLink, Redaction, Reply, SlaPolicy


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


class ReplyInline(ReadOnlyMixin, admin.TabularInline):
    model = Reply
    extra = 0
    fields = ("created_at", "kind", "author", "text")
    readonly_fields = fields


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("pk", "received_at", "kind", "account", "channel", "rating", "nps", "sentiment",
                    "priority", "status", "owner", "respond_by", "sla_breached_at")
    list_filter = ("status", "priority", "kind", "sentiment", "source")
    search_fields = ("text", "channel", "account__name")
    list_select_related = ("account", "owner")
    inlines = [ReplyInline]


@admin.register(FeedbackLink)
class FeedbackLinkAdmin(ReadOnlyAdmin):
    list_display = ("account", "campaign", "purpose", "created_by", "created_at", "expires_at", "used_at")
    exclude = ("nonce",)
    list_select_related = ("account", "campaign", "created_by")


@admin.register(Redaction)
class RedactionAdmin(ReadOnlyAdmin):
    list_display = ("feedback", "fields", "reason", "redacted_by", "redacted_at")
    list_select_related = ("feedback", "redacted_by")


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ("priority", "respond_within_hours", "business_hours_only", "workday_starts", "workday_ends")

    def has_delete_permission(self, request, obj=None):
        return False
