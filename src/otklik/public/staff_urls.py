"""Staff pages of the public app (included at the site root, behind login)."""

from django.urls import path

from otklik.public import staff_views

urlpatterns = [
    path("journeys/<int:pk>/qr/", staff_views.journey_qr, name="journey_qr"),
    path(
        "journeys/<int:pk>/qr/<int:tp_id>/poster.pdf",
        staff_views.poster,
        name="journey_qr_poster",
    ),
    path(
        "journeys/<int:pk>/qr/<int:tp_id>/ticket.svg",
        staff_views.ticket,
        name="journey_qr_ticket",
    ),
]
