from django.urls import path

from otklik.outreach import views

urlpatterns = [
    path("s/i/<str:token>/", views.invitation_survey, name="public_invitation"),
    path("s/i/<str:token>/thanks/", views.invitation_thanks, name="public_invitation_thanks"),
    path("s/contact/<uuid:key>/", views.contact, name="public_contact"),
    path("outreach/invite/", views.invite, name="outreach_invite"),
    path("outreach/erase/", views.erase, name="outreach_erase"),
]
