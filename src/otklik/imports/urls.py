from django.urls import path

from otklik.imports import views

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/sources/new/", views.source_create, name="import_source_create"),
    path("imports/sources/<int:pk>/", views.source_detail, name="import_source"),
    path("imports/sources/<int:pk>/edit/", views.source_edit, name="import_source_edit"),
    path("imports/runs/<int:pk>/", views.run_detail, name="import_run"),
    path("imports/runs/<int:pk>/mapping/", views.run_mapping, name="import_run_mapping"),
    path("imports/runs/<int:pk>/commit/", views.run_commit, name="import_run_commit"),
]
