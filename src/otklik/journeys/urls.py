from django.urls import path

from otklik.journeys import heatmap_views, views

urlpatterns = [
    path("journeys/", views.journey_list, name="journey_list"),
    path("journeys/new/", views.journey_create, name="journey_create"),
    path("journeys/<int:pk>/", views.journey_map, name="journey_map"),
    path("journeys/<int:pk>/settings/", views.journey_settings, name="journey_settings"),
    path(
        "journeys/<int:pk>/<str:kind>/<int:item_id>/cell/<str:field>/",
        views.edit_cell,
        name="journey_edit_cell",
    ),
    path("journeys/<int:pk>/stages/add/", views.add_stage, name="journey_add_stage"),
    path(
        "journeys/<int:pk>/stages/<int:stage_id>/touchpoints/add/",
        views.add_touchpoint,
        name="journey_add_touchpoint",
    ),
    path(
        "journeys/<int:pk>/<str:kind>/<int:item_id>/move/<str:direction>/",
        views.move_item,
        name="journey_move_item",
    ),
    path(
        "journeys/<int:pk>/<str:kind>/<int:item_id>/delete/",
        views.delete_item,
        name="journey_delete_item",
    ),
    path("journeys/<int:pk>/publish/", views.publish, name="journey_publish"),
    path("journeys/<int:pk>/versions/", views.version_list, name="journey_versions"),
    path(
        "journeys/<int:pk>/versions/<int:number>/",
        views.version_detail,
        name="journey_version",
    ),
    path("journeys/<int:pk>/compare/", views.compare, name="journey_compare"),
    path("journeys/<int:pk>/history/", views.journey_history, name="journey_history"),
    path("journeys/<int:pk>/heatmap/", heatmap_views.journey_heatmap, name="journey_heatmap"),
    path(
        "journeys/<int:pk>/heatmap/<int:touchpoint_id>/<str:code>/",
        heatmap_views.heatmap_detail,
        name="journey_heatmap_detail",
    ),
    path("personas/", views.persona_list, name="persona_list"),
    path("personas/new/", views.persona_edit, name="persona_create"),
    path("personas/<int:pk>/", views.persona_detail, name="persona_detail"),
    path("personas/<int:pk>/edit/", views.persona_edit, name="persona_edit"),
    path("kpis/", views.kpi_list, name="kpi_list"),
    path("kpis/new/", views.kpi_edit, name="kpi_create"),
    path("kpis/<int:pk>/edit/", views.kpi_edit, name="kpi_edit"),
    path(
        "kpis/corridors/<int:binding_id>/region/<int:region_id>/",
        views.corridor_override,
        name="kpi_corridor_override",
    ),
]
