"""Listing pages for a category, a tag and an author."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .listing import paginate_stories
from .models import ArticlePage, Author, Category


def category_stories(request, slug):
    """A section's page: its stories and its subsections' stories, newest first."""
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    stories = ArticlePage.objects.published().in_category(category)
    context = {
        "category": category,
        "current_section": category.root,
        "subcategories": category.children.all(),
        "stories": paginate_stories(request, stories),
    }
    return TemplateResponse(request, "news/category.html", context)


def tag_stories(request, slug):
    """Every published story carrying one tag, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    stories = ArticlePage.objects.published().tagged(tag)
    context = {"tag": tag, "stories": paginate_stories(request, stories)}
    return TemplateResponse(request, "news/tag.html", context)


def author_stories(request, slug):
    """An author's profile and every published story they have a byline on, newest first."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = ArticlePage.objects.published().by_author(author)
    context = {"author": author, "stories": paginate_stories(request, stories)}
    return TemplateResponse(request, "news/author.html", context)
