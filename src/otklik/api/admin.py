from django.contrib import admin

from otklik.api.models import IntegrationToken


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are issued on the staff page or with ``otklik token``."""

    list_display = ["name", "region", "centre", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["region"]
    readonly_fields = [
        "name", "region", "centre", "scopes", "prefix", "created_by", "created_at",
        "last_used_at", "revoked_at",
    ]  # fmt: skip
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False
