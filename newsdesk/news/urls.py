from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("category/<str:slug>/", views.category_stories, name="category"),
    path("tag/<str:slug>/", views.tag_stories, name="tag"),
    path("author/<str:slug>/", views.author_stories, name="author"),
]
