from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Account, ActionItem, Cadence, Contact, Meeting, Partnership, User


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("SocialCRM", {"fields": ("role",)}),)
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("name", "side", "kind", "tier", "status", "account_manager", "is_confidential")
    list_filter = ("side", "kind", "tier", "status", "is_confidential")
    search_fields = ("name", "industry")
    inlines = [ContactInline]
    filter_horizontal = ("shared_with",)

    def has_delete_permission(self, request, obj=None):
        return False


class NoDeleteAdmin(admin.ModelAdmin):
    """What people wrote is archived, never deleted, in the admin too."""

    def has_delete_permission(self, request, obj=None):
        return False


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ("title", "owner", "due_on", "done_at", "archived_at")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(NoDeleteAdmin):
    list_display = ("account", "kind", "held_at", "logged_by", "archived_at")
    list_filter = ("kind",)
    search_fields = ("account__name", "minutes", "decisions")
    raw_id_fields = ("account",)
    filter_horizontal = ("staff_attendees", "contact_attendees")
    inlines = [ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(NoDeleteAdmin):
    list_display = ("title", "account", "owner", "due_on", "done_at", "archived_at")
    list_filter = ("done_at",)
    search_fields = ("title", "account__name")
    raw_id_fields = ("account", "meeting")


@admin.register(Cadence)
class CadenceAdmin(NoDeleteAdmin):
    list_display = ("account", "meeting_kind", "interval", "next_due_on", "overdue_since", "is_active")
    list_filter = ("interval", "is_active")
    raw_id_fields = ("account",)


@admin.register(Partnership)
class PartnershipAdmin(NoDeleteAdmin):
    list_display = ("advertiser", "publisher", "started_on", "archived_at")
    raw_id_fields = ("advertiser", "publisher")
