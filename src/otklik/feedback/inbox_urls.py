from django.urls import path

from otklik.feedback import inbox_views as views

urlpatterns = [
    path("inbox/", views.inbox_list, name="inbox_list"),
    path("inbox/new/", views.inbox_register, name="inbox_register"),
    path("inbox/bulk/", views.inbox_bulk, name="inbox_bulk"),
    path("inbox/export.csv", views.inbox_export, {"fmt": "csv"}, name="inbox_export_csv"),
    path("inbox/export.xlsx", views.inbox_export, {"fmt": "xlsx"}, name="inbox_export_xlsx"),
    path("inbox/<int:pk>/", views.inbox_item, name="inbox_item"),
    path("inbox/<int:pk>/link/", views.inbox_link, name="inbox_link"),
    path("inbox/<int:pk>/assign/", views.inbox_assign, name="inbox_assign"),
    path("inbox/<int:pk>/status/", views.inbox_status, name="inbox_status"),
    path("inbox/<int:pk>/reply/", views.inbox_reply, name="inbox_reply"),
    path("inbox/<int:pk>/thank/", views.inbox_thank, name="inbox_thank"),
    path("inbox/<int:pk>/public-reply/", views.inbox_public_reply, name="inbox_public_reply"),
    path("inbox/templates/", views.template_list, name="reply_template_list"),
    path("inbox/templates/new/", views.template_edit, name="reply_template_create"),
    path("inbox/templates/<int:pk>/edit/", views.template_edit, name="reply_template_edit"),
    path("inbox/templates/<int:pk>/delete/", views.template_delete, name="reply_template_delete"),
]
