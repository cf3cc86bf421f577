from django.contrib import admin
from django.urls import include, path

from otklik.org import views as org_views

admin.site.site_header = admin.site.site_title = "Отклик"

urlpatterns = [
    path("", org_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("otklik.journeys.urls")),
    path("", include("otklik.public.urls")),
    path("", include("otklik.feedback.urls")),
    path("", include("otklik.public.staff_urls")),
    path("", include("otklik.public.wall_urls")),
    path("", include("otklik.feedback.moderation_urls")),
    path("", include("otklik.outreach.urls")),
    path("", include("otklik.feedback.inbox_urls")),
    path("", include("otklik.imports.urls")),
    path("", include("otklik.standards.urls")),
    path("", include("otklik.api.urls")),
    path("", include("otklik.reports.urls")),
    path("", include("otklik.metrics.urls")),
    path("", include("otklik.dashboards.urls")),
    path("admin/", admin.site.urls),
]
