"""The live desk's admin addresses (namespace ``live_desk``, under /admin/live/)."""

from django.urls import path

from . import desk

urlpatterns = [
    path("", desk.LiveStoriesView.as_view(), name="index"),
    path("<int:story_id>/", desk.DeskView.as_view(), name="desk"),
    path("<int:story_id>/start/", desk.StartView.as_view(), name="start"),
    path("<int:story_id>/end/", desk.EndView.as_view(), name="end"),
    path(
        "<int:story_id>/updates/<int:update_id>/edit/",
        desk.EditUpdateView.as_view(),
        name="edit",
    ),
    path(
        "<int:story_id>/updates/<int:update_id>/withdraw/",
        desk.WithdrawView.as_view(),
        name="withdraw",
    ),
    path("<int:story_id>/updates/<int:update_id>/pin/", desk.PinView.as_view(), name="pin"),
]
