from django.contrib import admin

from campaigns.models import (
    Campaign,
    ComplianceTerm,
    KpiTarget,
    Milestone,
    PlanTemplate,
    PlanTemplateStep,
    Review,
)


class KpiTargetInline(admin.TabularInline):
    model = KpiTarget
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "advertiser", "status", "launch_on", "project_lead", "budget", "currency")
    list_filter = ("status", "objective")
    search_fields = ("name", "advertiser__name")
    inlines = [KpiTargetInline]


class PlanTemplateStepInline(admin.TabularInline):
    model = PlanTemplateStep
    extra = 1
    fields = ("sequence", "kind", "name", "duration_days", "buffer_days", "owner_role", "review_stage", "is_key")


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    """Admins shape the plans new campaigns start from; existing plans are not touched."""

    list_display = ("name", "is_default", "archived_at")
    list_filter = ("is_default",)
    inlines = [PlanTemplateStepInline]

    def has_delete_permission(self, request, obj=None):
        return False  # archive instead: campaigns keep the plans made from it


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("campaign", "sequence", "name", "owner", "starts_on", "due_on", "status")
    list_filter = ("status", "kind")
    search_fields = ("campaign__name", "name")
    list_select_related = ("campaign", "owner")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The review trail is evidence: readable here, never changed."""

    list_display = ("milestone", "stage", "decision", "reviewer", "decided_at", "recorded_by")
    list_filter = ("stage", "decision")
    list_select_related = ("milestone__campaign", "recorded_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplianceTerm)
class ComplianceTermAdmin(admin.ModelAdmin):
    list_display = ("term", "category", "reason_en", "reason_zh", "is_active")
    list_filter = ("category", "is_active")
    search_fields = ("term",)
