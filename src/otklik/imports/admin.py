from django.contrib import admin

from otklik.imports.models import ImportRun, ImportSource


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "centre", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["source", "file_name", "status", "rows_total", "rows_bad", "created_count"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
