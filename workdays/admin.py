from django.contrib import admin

from workdays.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("day", "is_working_day", "name", "created_by")
    date_hierarchy = "day"
