from django.urls import path

from otklik.standards import views

urlpatterns = [
    path("qa/scorecards/", views.scorecard_list, name="scorecard_list"),
    path("qa/scorecards/new/", views.scorecard_create, name="scorecard_create"),
    path("qa/scorecards/<int:pk>/", views.scorecard_detail, name="scorecard_detail"),
    path("qa/scorecards/<int:pk>/edit/", views.scorecard_edit, name="scorecard_edit"),
    path("qa/scorecards/<int:pk>/evaluate/", views.evaluation_create, name="evaluation_create"),
    path("qa/evaluations/", views.evaluation_list, name="evaluation_list"),
    path("qa/evaluations/new/", views.evaluation_choose, name="evaluation_choose"),
    path("qa/evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
]
