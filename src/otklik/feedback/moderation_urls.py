from django.urls import path

from otklik.feedback import moderation_views as views

urlpatterns = [
    path("moderation/", views.queue, name="moderation_queue"),
    path("moderation/<int:pk>/", views.item_detail, name="moderation_item"),
    path("moderation/<int:pk>/approve/", views.approve, name="moderation_approve"),
    path("moderation/<int:pk>/reject/", views.reject, name="moderation_reject"),
    path("moderation/<int:pk>/reply/", views.reply, name="moderation_reply"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/new/", views.change_edit, name="change_create"),
    path("changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("changes/<int:pk>/publish/", views.change_publish, name="change_publish"),
]
