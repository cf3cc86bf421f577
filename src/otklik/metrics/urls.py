from django.urls import path

from otklik.metrics import views

urlpatterns = [
    path("metrics/", views.week_table, name="metrics_week"),
]
