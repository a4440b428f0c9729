from django.contrib import admin

from reports.models import Rollup


@admin.register(Rollup)
class RollupAdmin(admin.ModelAdmin):
    list_display = ("grain", "period", "period_start", "advertiser", "campaign_id", "publisher_id",
                    "platform", "spend", "revenue")
    list_filter = ("grain", "period")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
