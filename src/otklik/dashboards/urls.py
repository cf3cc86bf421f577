from django.urls import path

from otklik.dashboards import views

urlpatterns = [
    path("charts/vega-<str:version>.js", views.vega_bundle, name="vega_bundle"),
]
