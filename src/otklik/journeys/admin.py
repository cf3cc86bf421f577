from django.contrib import admin

from otklik.journeys.models import (
    ClientGroup,
    ClientKPI,
    CorridorOverride,
    Journey,
    JourneyVersion,
    KPIMetric,
    Persona,
    Segment,
    Service,
    Stage,
    Touchpoint,
)


class SegmentInline(admin.TabularInline):
    model = Segment
    extra = 0


@admin.register(ClientGroup)
class ClientGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    inlines = [SegmentInline]


class KPIMetricInline(admin.TabularInline):
    model = KPIMetric
    extra = 0


@admin.register(ClientKPI)
class ClientKPIAdmin(admin.ModelAdmin):
    list_display = ["name", "client_group", "category", "segment", "region", "is_active"]
    list_filter = ["client_group", "category", "is_active", "region"]
    search_fields = ["name"]
    inlines = [KPIMetricInline]


@admin.register(CorridorOverride)
class CorridorOverrideAdmin(admin.ModelAdmin):
    list_display = ["binding", "region", "target_low", "target_high", "amber_margin"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "client_group", "segment", "region", "centre"]
    list_filter = ["client_group", "region"]
    filter_horizontal = ["kpis"]


class StageInline(admin.StackedInline):
    model = Stage
    extra = 0
    show_change_link = True


@admin.register(Journey)
class JourneyAdmin(admin.ModelAdmin):
    list_display = ["title", "client_group", "centre", "region", "status", "team_lead"]
    list_filter = ["status", "client_group", "region", "centre"]
    search_fields = ["title"]
    filter_horizontal = ["team"]
    inlines = [StageInline]


class TouchpointInline(admin.StackedInline):
    model = Touchpoint
    extra = 0
    filter_horizontal = ["metrics"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "journey", "order"]
    inlines = [TouchpointInline]


@admin.register(JourneyVersion)
class JourneyVersionAdmin(admin.ModelAdmin):
    list_display = ["journey", "number", "published_by", "published_at"]
    readonly_fields = ["journey", "number", "snapshot", "comment", "published_by", "published_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # published versions are kept as they were
