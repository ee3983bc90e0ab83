"""Date archives: every story first published in a year, a month or on a day.

Django's own date-based views do the date arithmetic, validation, time zones and
the links to neighbouring periods; this module only says which stories count
and paginates them the way every other listing does.
"""

from django.core.paginator import Paginator
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView

from newsdesk.caching import cache_for_everyone
from newsdesk.core.upstream import CalendarEndIs404

from .cache_tags import STORIES
from .listing import listing_page
from .models import ArticlePage, NewsSettings


class StoryArchiveMixin:
    """Published stories by first publication date, in the site's time zone."""

    date_field = "first_published_at"
    month_format = "%m"
    allow_empty = False

    def get_queryset(self):
        return ArticlePage.objects.published().for_listing()

    def get_paginate_by(self, queryset):
        return NewsSettings.for_request(self.request).stories_per_page

    def paginate_queryset(self, queryset, page_size):
        # The listings' rule rather than Django's, which also takes ?page=last.
        page = listing_page(Paginator(queryset, page_size), self.request.GET.get("page"))
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stories"] = context["page_obj"]
        return context

    def render_to_response(self, context, **kwargs):
        return cache_for_everyone(super().render_to_response(context, **kwargs), STORIES)


class YearStories(StoryArchiveMixin, YearArchiveView):
    """/2026/: the year's stories, and links to each month that has some."""

    make_object_list = True
    template_name = "news/archive_year.html"


class MonthStories(StoryArchiveMixin, MonthArchiveView):
    """/2026/11/: the month's stories, and links to each day that has some."""

    template_name = "news/archive_month.html"


class DayStories(StoryArchiveMixin, CalendarEndIs404, DayArchiveView):
    """/2026/11/25/: the day's stories, and links to the days before and after."""

    template_name = "news/archive_day.html"
