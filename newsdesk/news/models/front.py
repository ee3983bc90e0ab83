"""The front page and the all-stories index."""

from collections import defaultdict

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from newsdesk.caching.pages import SharedPageMixin
from newsdesk.core.upstream import remember_parent

from ..cache_tags import STORIES
from ..listing import paginate_stories
from .articles import ArticlePage
from .taxonomy import category_tree

SECTION_STORIES = 4


class FrontPagePick(Orderable):
    """A story an editor placed at the top of the front page; the first one leads."""

    page = ParentalKey("news.HomePage", on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="front_page_picks"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("front-page pick")


class HomePage(SharedPageMixin, Page):
    """The front page: a lead story, the latest news, then each section's newest."""

    content_panels = [
        *Page.content_panels,
        InlinePanel(
            "picks",
            heading=_("Front-page picks"),
            label=_("Story"),
            help_text=_("The first published pick is the lead story; the rest follow it."),
        ),
    ]
    subpage_types = ["news.ArticleIndexPage", "core.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("front page")

    def cache_tags(self):
        return (STORIES,)

    def invalidation_tags(self):
        # New picks change the front page alone; its title and menus are not shown elsewhere.
        return (STORIES,)

    def route(self, request, path_components):
        if len(path_components) > 1:
            # Only passed through on the way to a story: its own fields are not
            # needed, so its specific row is not fetched.
            try:
                child = self.get_children().get(slug=path_components[0])
            except Page.DoesNotExist as error:
                raise Http404 from error
            remember_parent(child, self)
            return child.specific_deferred.route(request, path_components[1:])
        return super().route(request, path_components)

    def top_stories(self, published):
        """The editor's picks among ``published`` stories, in the editor's order."""
        picked = published.filter(front_page_picks__page=self)
        shown = {story.pk: story for story in picked.for_listing()}
        return [shown[p.article_id] for p in self.picks.all() if p.article_id in shown]

    def sections(self, published, exclude_ids, tree):
        """Each top-level category of ``tree`` with its newest ``published`` stories.

        Stories in ``exclude_ids`` (shown higher up the page) are skipped.
        """
        filed = {
            top: ids
            for top, ids in tree.descendant_ids_by_top_level().items()
            if not top.is_uncategorized
        }
        newest = (
            published.exclude(pk__in=exclude_ids)
            .newest_per_section(filed, SECTION_STORIES)
            .for_listing()
        )
        stories = defaultdict(list)
        for story in newest:
            stories[story.section_id].append(story)
        return [{"category": top, "stories": stories[top.pk]} for top in filed if stories[top.pk]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One queryset for every list on the page: Wagtail reads the view
        # restrictions each time ``published()`` is called.
        published = ArticlePage.objects.published()
        picks = self.top_stories(published)
        picked_ids = [story.pk for story in picks]
        latest = paginate_stories(request, published.exclude(pk__in=picked_ids))
        latest.object_list = list(latest.object_list)
        if latest.number == 1:
            if not picks and latest.object_list:
                picks = [latest.object_list.pop(0)]
            shown = [story.pk for story in [*picks, *latest.object_list]]
            context["lead_story"] = picks[0] if picks else None
            context["top_stories"] = picks[1:]
            context["sections"] = self.sections(published, shown, category_tree(request))
        context["latest"] = latest
        return context


class ArticleIndexPage(SharedPageMixin, Page):
    """Every story, newest first: the paper's running archive."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("story index")

    def cache_tags(self):
        return (STORIES,)

    def route(self, request, path_components):
        if path_components:
            # The story with its picture in one query, rather than Wagtail's
            # page row, then its specific row, then the picture.
            stories = ArticlePage.objects.child_of(self).select_related("hero_image")
            try:
                story = stories.get(slug=path_components[0])
            except ArticlePage.DoesNotExist:
                return super().route(request, path_components)
            remember_parent(story, self)
            return story.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate_stories(request, ArticlePage.objects.published())
        return context
