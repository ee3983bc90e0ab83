from django.urls import path

from . import clicks, feeds, views

app_name = "newsletters"

urlpatterns = [
    path("", views.index, name="index"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/new-link/", views.send_new_link, name="send_new_link"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("click/<str:token>/", clicks.follow, name="click"),
    # After the fixed paths above, which a newsletter's slug must not hide.
    path("<slug:slug>/", views.archive, name="archive"),
    path("<slug:slug>/<int:pk>/", views.edition, name="edition"),
    path("<slug:slug>/<int:pk>/email/", views.edition_as_emailed, name="edition_email"),
    path("<slug:slug>/feed/", feeds.EditionsFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.EditionsAtomFeed(), name="feed_atom"),
]
