"""The front page and the all-stories index."""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from ..listing import paginate_stories
from .articles import ArticlePage
from .taxonomy import Category

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


class HomePage(Page):
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

    def top_stories(self):
        """The editor's picks that are published, in the editor's order."""
        picked = ArticlePage.objects.published().filter(front_page_picks__page=self)
        published = {story.pk: story for story in picked.for_listing()}
        return [published[p.article_id] for p in self.picks.all() if p.article_id in published]

    def sections(self, exclude_ids):
        """Each top-level category with its newest stories, skipping stories shown above."""
        tree = Category.objects.descendant_ids_by_top_level()
        filed = {top: ids for top, ids in tree.items() if not top.is_uncategorized}
        newest = (
            ArticlePage.objects.published()
            .exclude(pk__in=exclude_ids)
            .for_listing()
            .newest_per_section(filed, SECTION_STORIES)
        )
        stories = defaultdict(list)
        for story in newest:
            stories[story.section_id].append(story)
        return [{"category": top, "stories": stories[top.pk]} for top in filed if stories[top.pk]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        picks = self.top_stories()
        picked_ids = [story.pk for story in picks]
        latest = paginate_stories(
            request, ArticlePage.objects.published().exclude(pk__in=picked_ids)
        )
        latest.object_list = list(latest.object_list)
        if latest.number == 1:
            if not picks and latest.object_list:
                picks = [latest.object_list.pop(0)]
            shown = [story.pk for story in [*picks, *latest.object_list]]
            context["lead_story"] = picks[0] if picks else None
            context["top_stories"] = picks[1:]
            context["sections"] = self.sections(shown)
        context["latest"] = latest
        return context


class ArticleIndexPage(Page):
    """Every story, newest first: the paper's running archive."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate_stories(request, ArticlePage.objects.published())
        return context
