"""Listing pages for a category, a tag and an author, and the paper's corrections."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsdesk.caching import cached_for_everyone

from .cache_tags import STORIES
from .listing import listing_page, paginate_stories
from .models import ArticlePage, Author, Correction, NewsSettings
from .models.taxonomy import category_tree


@cached_for_everyone(STORIES)
def category_stories(request, slug):
    """A section's page: its stories and its subsections' stories, newest first."""
    tree = category_tree(request)
    category = tree.with_slug(slug)
    if category is None:
        raise Http404(_("No such section"))
    stories = ArticlePage.objects.published().filter(category_id__in=tree.descendant_ids(category))
    context = {
        "category": category,
        "current_section": category.root,
        "subcategories": tree.children_of(category),
        "stories": paginate_stories(request, stories),
    }
    return TemplateResponse(request, "news/category.html", context)


@cached_for_everyone(STORIES)
def tag_stories(request, slug):
    """Every published story carrying one tag, newest first; a tag on none has no page.

    A tag exists from the first draft that carries it, typed or half-typed, so
    only a published story gives it a page (the listing's own count says so).
    """
    tag = get_object_or_404(Tag, slug=slug)
    stories = paginate_stories(request, ArticlePage.objects.published().tagged(tag))
    if not stories.paginator.count:
        raise Http404(_("No published story carries this tag"))
    context = {"tag": tag, "stories": stories}
    return TemplateResponse(request, "news/tag.html", context)


@cached_for_everyone(STORIES)
def author_stories(request, slug):
    """An author's profile and every published story they have a byline on, newest first."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = ArticlePage.objects.published().by_author(author)
    context = {"author": author, "stories": paginate_stories(request, stories)}
    return TemplateResponse(request, "news/author.html", context)


@cached_for_everyone(STORIES)
def corrections(request):
    """Every correction and clarification on a story readers can open, newest first."""
    per_page = NewsSettings.for_request(request).stories_per_page
    notes = Paginator(Correction.objects.public(), per_page)
    context = {"corrections": listing_page(notes, request.GET.get("page"))}
    return TemplateResponse(request, "news/corrections.html", context)
