from django.urls import path
from django.views.generic import RedirectView

from . import clicks

app_name = "newsletters"

# The readers' pages (preferences, one-click unsubscribe) belong to the readers'
# slice; until it lands these two names answer 410 Gone so emails can link to them.
urlpatterns = [
    path("click/<str:token>/", clicks.follow, name="click"),
    path("preferences/<str:token>/", RedirectView.as_view(url=None), name="preferences"),
    path("unsubscribe/<str:token>/", RedirectView.as_view(url=None), name="unsubscribe"),
]
