from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Account, Contact, User


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
