from django.urls import path, re_path

from . import archives, views

app_name = "news"

urlpatterns = [
    path("category/<str:slug>/", views.category_stories, name="category"),
    path("tag/<str:slug>/", views.tag_stories, name="tag"),
    path("author/<str:slug>/", views.author_stories, name="author"),
    path("corrections/", views.corrections, name="corrections"),
    re_path(r"^(?P<year>[0-9]{4})/$", archives.YearStories.as_view(), name="archive_year"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archives.MonthStories.as_view(),
        name="archive_month",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        archives.DayStories.as_view(),
        name="archive_day",
    ),
]
