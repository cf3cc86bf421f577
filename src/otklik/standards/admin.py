from django.contrib import admin

from otklik.standards.models import Evaluation, EvaluationScore, Scorecard, ScorecardCategory


class CategoryInline(admin.TabularInline):
    model = ScorecardCategory
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["title", "centre", "region", "is_active", "updated_at"]
    list_filter = ["is_active", "region", "centre"]
    search_fields = ["title"]
    inlines = [CategoryInline]


class ScoreInline(admin.TabularInline):
    model = EvaluationScore
    extra = 0
    can_delete = False
    readonly_fields = ["category", "name", "weight", "critical", "score"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Evaluations are facts: recorded through the staff page or the API, never edited
    here (the IQS is computed when an evaluation is stored)."""

    list_display = ["evaluated_at", "scorecard", "centre", "employee", "iqs", "critical_failed"]
    list_filter = ["critical_failed", "channel", "region", "centre", "scorecard"]
    date_hierarchy = "evaluated_at"
    raw_id_fields = ["interaction", "touchpoint", "stage", "journey"]
    readonly_fields = [
        "idempotency_key", "scorecard", "region", "centre", "journey", "stage", "touchpoint",
        "channel", "employee", "interaction", "evaluated_at", "evaluator", "iqs",
        "critical_failed", "note", "source", "created_at",
    ]  # fmt: skip
    inlines = [ScoreInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
