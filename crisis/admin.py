from django.contrib import admin

from crisis.models import (
    Incident,
    IncidentAction,
    PlaybookTemplate,
    PostMortem,
    PreventiveAction,
    Responsibility,
    Signal,
    Statement,
    TimelineEntry,
    TrustScore,
    WarningRule,
)


class NoDeleteAdmin(admin.ModelAdmin):
    """Incidents and what belongs to them are never deleted, and change only through the audited
    pages (crisis.services), so the admin shows them read-only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "severity", "scope", "account", "campaign", "is_active")
    list_filter = ("kind", "severity", "scope", "is_active")
    raw_id_fields = ("account", "campaign")


@admin.register(Signal)
class SignalAdmin(NoDeleteAdmin):
    list_display = ("title", "severity", "account", "first_seen_at", "last_seen_at", "resolved_at", "incident")
    list_filter = ("severity", "rule__kind")
    raw_id_fields = ("account", "campaign", "incident", "rule")


@admin.register(PlaybookTemplate)
class PlaybookTemplateAdmin(admin.ModelAdmin):
    list_display = ("incident_type", "updated_at")


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    can_delete = False


class ActionInline(admin.TabularInline):
    model = IncidentAction
    extra = 0
    can_delete = False


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "kind", "message")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(NoDeleteAdmin):
    list_display = ("__str__", "severity", "status", "owner", "detected_at", "archived_at")
    list_filter = ("status", "severity", "incident_type")
    search_fields = ("title",)
    readonly_fields = ("status", "resolved_at", "closed_at")
    filter_horizontal = ("accounts", "campaigns")
    inlines = [ResponsibilityInline, ActionInline, TimelineInline]


@admin.register(Statement)
class StatementAdmin(NoDeleteAdmin):
    list_display = ("incident", "audience", "account", "channel", "sent_at")


class PreventiveInline(admin.TabularInline):
    model = PreventiveAction
    extra = 0
    can_delete = False


@admin.register(PostMortem)
class PostMortemAdmin(NoDeleteAdmin):
    list_display = ("incident", "written_by", "updated_at")
    inlines = [PreventiveInline]


@admin.register(TrustScore)
class TrustScoreAdmin(admin.ModelAdmin):
    list_display = ("account", "day", "score")
    list_filter = ("day",)
    readonly_fields = ("account", "day", "score", "components")
