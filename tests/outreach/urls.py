"""The project's URLs with the outreach app's, for the tests (the project wires them in
``otklik.urls``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("otklik.outreach.urls")),
    path("", include("otklik.urls")),
]
