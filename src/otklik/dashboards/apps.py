from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "otklik.dashboards"
    verbose_name = "Dashboards"
