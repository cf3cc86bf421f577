from django.urls import path

from otklik.reports import views

urlpatterns = [
    path("reports/", views.report_home, name="report_home"),
    path("reports/unit/<slug:code>/", views.report_list, name="report_list"),
    path("reports/unit/<slug:code>/generate/", views.report_generate, name="report_generate"),
    path("reports/weekly/<int:pk>/", views.weekly_report, name="weekly_report"),
    path(
        "reports/weekly/<int:pk>/<str:kind>/", views.weekly_report_file, name="weekly_report_file"
    ),
    path("reports/monthly/<int:pk>/", views.monthly_report, name="monthly_report"),
    path(
        "reports/monthly/<int:pk>/<str:kind>/",
        views.monthly_report_file,
        name="monthly_report_file",
    ),
]
