from django.urls import path

from otklik.dashboards import views

urlpatterns = [
    path("charts/vega-<str:version>.js", views.vega_bundle, name="vega_bundle"),
    path("dashboards/", views.dashboard_index, name="dashboard_index"),
    path("dashboards/service/", views.service_dashboard, name="dashboard_service"),
    path("dashboards/region/<int:pk>/", views.region_dashboard, name="dashboard_region"),
    path("dashboards/centre/<int:pk>/", views.centre_dashboard, name="dashboard_centre"),
]
