from django.contrib import admin

from otklik.feedback.models import Answer, Question, Response, Survey, SurveyVersion


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "centre", "region", "is_active", "updated_at"]
    list_filter = ["is_active", "region", "centre"]
    search_fields = ["title"]
    raw_id_fields = ["touchpoints"]
    inlines = [QuestionInline]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number", "published_by", "published_at"]
    readonly_fields = [
        "survey",
        "number",
        "title",
        "intro",
        "thanks",
        "questions",
        "published_by",
        "published_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False  # versions come from publishing a survey

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # published versions are kept as they were


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    readonly_fields = ["question_key", "type", "score", "scale_points", "choices", "text"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Citizens' answers are facts: readable here, reviewed on the staff review page."""

    list_display = ["submitted_at", "touchpoint", "channel", "status", "centre"]
    list_filter = ["status", "channel", "region"]
    list_select_related = ["touchpoint", "centre"]
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    inlines = [AnswerInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
