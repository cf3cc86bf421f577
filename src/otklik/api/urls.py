from django.urls import path

from otklik.api import views
from otklik.api.api import api

# Staff pages; include with path("", include("otklik.api.urls")).
urlpatterns = [
    path("integrations/tokens/", views.token_list, name="api_tokens"),
    path("integrations/tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
    path("api/", api.urls),
]
