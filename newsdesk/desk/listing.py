"""The story list: every story with its section, bylines, status, time and comments.

Built on Wagtail's ``PageListingViewSet``: Wagtail's filters, sorting, search,
pagination and bulk actions, with the columns and filters a newsroom asks for.
Its Scheduled view is the list filtered to scheduled stories, the next due first.
"""

import django_filters
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, StatusTagColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page, Revision

from newsdesk.comments.models import with_comment_counts
from newsdesk.news.models import ArticleAuthor, ArticlePage, Author, Category, HeldStory

from . import stories

DRAFT, IN_REVIEW, SCHEDULED, LIVE = "draft", "in_review", "scheduled", "live"
# Orderings with their empty times where an editor looks for them: unpublished
# drafts at the top of "newest first", after everything in "oldest first".
TIME_ORDERINGS = {
    "first_published_at": F("first_published_at").asc(nulls_last=True),
    "-first_published_at": F("first_published_at").desc(nulls_first=True),
    "scheduled_at": F("scheduled_at").asc(),
    "-scheduled_at": F("scheduled_at").desc(),
}


def scheduled_time():
    """When a story's scheduled revision goes live: the Scheduled view sorts on it."""
    revisions = Revision.objects.filter(
        approved_go_live_at__isnull=False,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        **stories.story_type(),
    )
    return Subquery(revisions.values("approved_go_live_at")[:1])


def with_listing_figures(page_of_stories):
    """The stories of one page of the list, with what its columns show: three more queries.

    Each gets ``comment_count`` (approved comments), ``scheduled_at`` (when its
    scheduled revision goes live, or None), ``is_held`` (the scheduler held it
    back on a failed check) and the flags Wagtail's title and status cells read,
    so no cell asks the database again.
    """
    page_of_stories = list(page_of_stories)
    ids = [story.pk for story in page_of_stories]
    counts = with_comment_counts(ArticlePage.objects.filter(pk__in=ids))
    counts = dict(counts.values_list("pk", "comment_count"))
    revisions = Revision.objects.filter(
        approved_go_live_at__isnull=False,
        object_id__in=[str(pk) for pk in ids],
        **stories.story_type(),
    )
    due = dict(revisions.values_list("object_id", "approved_go_live_at"))
    held = set(HeldStory.objects.filter(story_id__in=ids).values_list("story_id", flat=True))
    for story in page_of_stories:
        story.comment_count = counts.get(story.pk, 0)
        story.scheduled_at = due.get(str(story.pk))
        story._approved_schedule = story.scheduled_at is not None
        story.is_held = story.pk in held
        # A story sits under a story index, never at the root of a site.
        story._is_site_root = False
    return page_of_stories


class StoryFilterSet(WagtailFilterSet):
    """The list's filters. Each reads only the page table's columns or matches ids, so
    the same filters count stories on Wagtail's narrow page table (``StoryIndexView``).
    """

    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=Category.objects.order_by("name"),
        method="filter_section",
    )
    reporter = django_filters.ModelChoiceFilter(
        label=_("Reporter"),
        queryset=Author.objects.order_by("name"),
        method="filter_reporter",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("Any"),
        choices=[
            (DRAFT, _("Draft")),
            (IN_REVIEW, _("In review")),
            (SCHEDULED, _("Scheduled")),
            (LIVE, _("Live")),
        ],
        method="filter_status",
    )
    published = django_filters.DateFromToRangeFilter(
        label=_("Published"), field_name="first_published_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_section(self, stories_, name, section):
        """The section's stories, its subsections' included."""
        return stories_.filter(pk__in=ArticlePage.objects.in_category(section).values("pk"))

    def filter_reporter(self, stories_, name, reporter):
        """The stories with the reporter in their bylines, in any role."""
        bylines = ArticleAuthor.objects.filter(author=reporter)
        return stories_.filter(pk__in=bylines.values("article_id"))

    def filter_status(self, stories_, name, status):
        if status == LIVE:
            return stories_.filter(live=True)
        if status == SCHEDULED:
            return stories_.filter(pk__in=stories.scheduled_story_ids())
        if status == IN_REVIEW:
            return stories_.filter(pk__in=stories.in_review_story_ids())
        waiting = [*stories.scheduled_story_ids(), *stories.in_review_story_ids()]
        return stories_.filter(live=False).exclude(pk__in=waiting)


class StoryTimeColumn(BaseColumn):
    """When the story went out, or when it is due to."""

    cell_template_name = "desk/listing/time_cell.html"


TIME_COLUMN = StoryTimeColumn(
    "time", label=_("Published or scheduled"), sort_key="first_published_at"
)
# In the Scheduled view the same column sorts by the time each story is due.
SCHEDULED_TIME_COLUMN = StoryTimeColumn("time", label=_("Scheduled for"), sort_key="scheduled_at")

COLUMNS = [
    BulkActionsColumn("bulk_actions"),
    PageTitleColumn("title", label=_("Headline"), sort_key="title", classname="title"),
    Column("section", label=_("Section"), accessor="category"),
    Column("bylines", label=_("Bylines"), accessor=stories.byline_names),
    StatusTagColumn(
        "status",
        label=_("Status"),
        accessor=stories.story_status,
        sort_key="live",
        primary=lambda story: story.live,
    ),
    TIME_COLUMN,
    # Not sortable: that would count the comments of every story on file.
    Column("comment_count", label=_("Comments")),
]


class StoryIndexView(IndexView):
    page_title = _("Stories")
    default_ordering = "-first_published_at"

    @cached_property
    def showing_scheduled(self):
        """Whether this is the Scheduled view: the list filtered to scheduled stories."""
        filters = self.filters
        if not (filters and filters.is_valid()):
            return False
        return filters.form.cleaned_data["status"] == SCHEDULED

    def get_ordering(self):
        if self.showing_scheduled and not self.is_explicitly_ordered:
            return "scheduled_at"
        return super().get_ordering()

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()
        if self.showing_scheduled:
            orderings += ["scheduled_at", "-scheduled_at"]
        return orderings

    def get_base_queryset(self):
        """The stories under the user's explorable root: every story, for most of the desk.

        Wagtail's listing filters by every page the user may explore, a subquery
        that took a second at 100,000 stories; stories all sit under story
        indexes, so their common root says the same in one path prefix.
        """
        return self.annotate_queryset(self.under_explorable_root(self.model.objects.all()))

    def under_explorable_root(self, pages):
        root = self.permission_policy.explorable_root_instance(self.request.user)
        if root is None:
            return pages.none()
        if not root.is_root():
            return pages.filter(path__startswith=root.path)
        return pages

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if not self.is_searching:
            # Counting the same stories on the story table joined the page table
            # (or the bylines) row by row: a story's row carries its whole body,
            # and the count read every one it matched (0.6 s at 100,000 stories).
            paginator.count = self.count_on_page_table()
        return paginator

    def count_on_page_table(self):
        """How many stories the list holds, counted on Wagtail's page table alone."""
        pages = self.under_explorable_root(Page.objects.type(ArticlePage))
        if self.filters and self.filters.is_valid():
            pages = self.filters.filter_queryset(pages)
        return pages.count()

    def annotate_queryset(self, pages):
        # Only what the list filters and sorts on is read in SQL: anything else
        # computed per row there would be computed for every story before sorting.
        # The page's own figures come afterwards, from ``with_listing_figures``.
        pages = (
            pages.defer_streamfields()
            # Live coverage: whether each story's menu offers to start or end it.
            .select_related("category", "live_coverage")
            .prefetch_related(
                "content_type", "sites_rooted_here", stories.BYLINES, stories.WORKFLOW_STATES
            )
        )
        if self.showing_scheduled:
            pages = pages.annotate(scheduled_at=scheduled_time())
        return pages

    def order_queryset(self, queryset):
        if self.ordering in TIME_ORDERINGS and not self.is_searching:
            return queryset.order_by(TIME_ORDERINGS[self.ordering], "-pk")
        return super().order_queryset(queryset)

    def get_table(self, object_list):
        object_list = with_listing_figures(object_list)
        columns = self.columns
        if self.showing_scheduled:
            columns = [SCHEDULED_TIME_COLUMN if c is TIME_COLUMN else c for c in columns]
        return self.table_class(columns, object_list, **self.get_table_kwargs())


class StoryListingViewSet(PageListingViewSet):
    """The newsroom's list of stories, under "Stories" in the admin menu."""

    model = ArticlePage
    index_view_class = StoryIndexView
    filterset_class = StoryFilterSet
    columns = COLUMNS
    icon = "doc-full-inverse"
    menu_label = _("Stories")
    # The menu item is a submenu with the Scheduled view (wagtail_hooks.py).
    add_to_admin_menu = False
