from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("<int:story_id>/updates/", views.updates, name="updates"),
    path("<int:story_id>/updates/<int:update_id>/", views.update, name="update"),
]
