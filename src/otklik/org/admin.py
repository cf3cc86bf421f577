from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from otklik.org.models import Membership, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "last_name", "first_name", "is_active", "is_superuser"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "parent", "is_active"]
    list_filter = ["kind", "is_active", "region"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
