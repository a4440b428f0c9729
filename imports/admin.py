from django.contrib import admin

from imports.models import CampaignNameMapping, ImportJob, PublisherNameMapping, SourceMapping


@admin.register(SourceMapping)
class SourceMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "platform", "publisher", "updated_by", "updated_at")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "source", "uploaded_by", "status", "good_rows", "bad_rows",
                    "inserted", "updated", "created_at")
    list_filter = ("status", "source")
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(CampaignNameMapping, PublisherNameMapping)
class PlatformNameMappingAdmin(admin.ModelAdmin):
    """Where a remembered answer of the mapping step is corrected or forgotten."""

    list_display = ("external_name", "external_id", "target", "source", "confirmed_by", "confirmed_at")
    list_filter = ("source",)
    search_fields = ("external_name", "external_id")
    raw_id_fields = ("target",)
