from django.contrib import admin

from campaigns.models import Campaign, KpiTarget


class KpiTargetInline(admin.TabularInline):
    model = KpiTarget
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "advertiser", "status", "launch_on", "project_lead", "budget", "currency")
    list_filter = ("status", "objective")
    search_fields = ("name", "advertiser__name")
    inlines = [KpiTargetInline]
