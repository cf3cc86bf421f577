from django.urls import path

from otklik.public import wall_views

urlpatterns = [
    path("wall/<slug:code>/", wall_views.wall, name="public_wall"),
    path("wall/<slug:code>/sent/", wall_views.sent, name="public_wall_sent"),
]
