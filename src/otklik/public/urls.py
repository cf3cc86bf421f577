from django.urls import path

from otklik.public import views

urlpatterns = [
    path("s/<str:code>/", views.survey, name="public_survey"),
    path("s/<str:code>/thanks/", views.thanks, name="public_thanks"),
]
