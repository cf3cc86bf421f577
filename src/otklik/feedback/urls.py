from django.urls import path

from otklik.feedback import views

urlpatterns = [
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/new/", views.survey_create, name="survey_create"),
    path("surveys/review/", views.review_queue, name="survey_review"),
    path("surveys/review/<int:pk>/", views.review_decide, name="survey_review_decide"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path(
        "surveys/<int:pk>/questions/template/",
        views.question_from_template,
        name="survey_question_from_template",
    ),
    path("surveys/<int:pk>/questions/new/", views.question_create, name="survey_question_create"),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/",
        views.question_edit,
        name="survey_question_edit",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/move/<str:direction>/",
        views.question_move,
        name="survey_question_move",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="survey_question_delete",
    ),
    path("surveys/<int:pk>/touchpoints/", views.survey_touchpoints, name="survey_touchpoints"),
    path("surveys/<int:pk>/preview/", views.survey_preview, name="survey_preview"),
    path("surveys/<int:pk>/publish/", views.survey_publish, name="survey_publish"),
    path("surveys/<int:pk>/versions/", views.survey_versions, name="survey_versions"),
    path("surveys/<int:pk>/versions/<int:number>/", views.survey_version, name="survey_version"),
]
