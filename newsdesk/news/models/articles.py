"""The article: what a reader came for."""

from django.db import models, transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from newsdesk.caching.pages import SharedPageMixin
from newsdesk.core import rows
from newsdesk.core.blocks import BodyBlock

from .. import checks
from ..body import split_after_paragraph, with_dateline
from ..cache_tags import HEADLINES, STORIES, stories_changed, story_tag
from ..forms import ArticlePageForm
from ..republishing import Republishing
from .bylines import group_bylines
from .corrections import Correction
from .settings import NewsSettings
from .taxonomy import Category, category_tree, uncategorized_category

LATEST_DEVELOPMENTS_COUNT = 3
MORE_FROM_SECTION_COUNT = 4
NEWEST_FIRST = ("-first_published_at", "-pk")
# What Wagtail's ``publish_scheduled`` command logs its publishing as: the scheduler's mark.
SCHEDULED_PUBLISHING = "wagtail.publish.scheduled"


class ArticleQuerySet(PageQuerySet):
    def update(self, **fields):
        """Write ``fields`` to these stories; every page showing them goes stale on commit.

        Wagtail's publishing never comes here; this is for code that writes
        to stories directly. (Deleting goes through treebeard, which the page
        cache hears of itself.)
        """
        with transaction.atomic(using=self.db):
            changed = [pk for (pk,) in rows.lock(self)]
            count = rows.update(self, changed, **fields)
            stories_changed(changed)
        return count

    update.alters_data = True

    def published(self):
        """Stories a reader may see, newest first: live, public, with a publication time."""
        return self.live().public().filter(first_published_at__isnull=False).order_by(*NEWEST_FIRST)

    def for_listing(self):
        """Fetch what a story card shows in a fixed number of queries.

        A card shows the section, headline, standfirst, picture and time, never
        the bylines. Other apps add their own figures (comment counts, for one)
        through the ``newsdesk_article_listing`` hook, so this app never imports them.
        """
        queryset = self.select_related("category", "hero_image")
        for annotate in hooks.get_hooks("newsdesk_article_listing"):
            queryset = annotate(queryset)
        return queryset

    def in_category(self, category):
        """Stories filed in ``category`` or any category nested below it."""
        return self.filter(category_id__in=category.descendant_ids())

    def newest_per_section(self, sections, count):
        """The ``count`` newest stories of every section at once, each with its ``section_id``.

        ``sections`` maps a category to the ids filed under it, as
        ``CategoryTree.descendant_ids_by_top_level()`` gives them. One query
        however many sections the paper has, and however many stories: each
        section's newest come from a subquery that stops after ``count``, and
        only the stories they name are read. (Ranking every story with a window
        function took over a second at 100,000 stories.)
        """
        if not sections:
            return self.none()
        # Each subquery is wrapped, as SQLite wants a LIMIT inside a UNION to be.
        # Django cannot compose that itself; every piece is SQL that it compiled.
        parts, params = [], []
        for number, ids in enumerate(sections.values()):
            newest = self.filter(category_id__in=ids).values("pk")[:count]
            sql, part_params = newest.query.get_compiler(using=self.db).as_sql()
            parts.append(f"SELECT * FROM ({sql}) AS section_{number}")  # noqa: S608
            params.extend(part_params)
        section_id = Case(
            *[When(category_id__in=ids, then=Value(top.pk)) for top, ids in sections.items()],
            output_field=models.BigIntegerField(),
        )
        shown = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
        return self.filter(pk__in=shown).annotate(section_id=section_id)

    def by_author(self, author):
        """Stories with ``author`` among their bylines."""
        return self.filter(bylines__author=author)

    def tagged(self, tag):
        """Stories carrying ``tag``."""
        return self.filter(tagged_items__tag=tag)


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


def newest_other_stories(article_id, count=LATEST_DEVELOPMENTS_COUNT):
    """The newest published stories other than ``article_id``: the box's usual contents."""
    return list(ArticlePage.objects.published().exclude(pk=article_id)[:count])


def newest_in_section(category_id, article_id, count=MORE_FROM_SECTION_COUNT):
    """The newest published stories filed in ``category_id`` other than ``article_id``,
    each with its category, in one query (after the view restrictions ``public()`` reads)."""
    stories = ArticlePage.objects.published().filter(category_id=category_id)
    return list(stories.exclude(pk=article_id).select_related("category")[:count])


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def tags_in_print():
    """Tags carried by at least one published story: the only tags readers can see.

    A tag typed in the editor exists from the first draft that carries it; until a
    story with it is published it has no public page, feed or sitemap entry.
    """
    published = ArticlePage.objects.published().values("pk")
    on_a_published_story = ArticleTag.objects.filter(
        tag=OuterRef("pk"), content_object__in=published
    )
    return Tag.objects.filter(Exists(on_a_published_story))


class LatestDevelopmentsPin(Orderable):
    """A story an editor chose for one article's "Latest developments" box."""

    page = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="latest_developments_pins"
    )
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="pinned_in_developments"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned story")


class ArticlePage(SharedPageMixin, Page):
    """A news story: category, headline, standfirst, bylines, body and tags."""

    # Optional here: whether a story may go out without one is the site's
    # publishing checks' choice (``PublishingChecks.standfirst``).
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        blank=True,
        help_text=_("One short paragraph that sums up the story, shown under the headline."),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=60,
        blank=True,
        help_text=_(
            'Where the story was reported from, e.g. "Eastmere": shown before the first paragraph.'
        ),
    )
    hero_image = models.ForeignKey(
        "core.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.CharField(_("hero caption"), max_length=400, blank=True)
    hero_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Only ornament, telling nothing the text does not: screen readers skip it."),
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET(uncategorized_category),
        related_name="articles",
        help_text=_(
            "Choose Uncategorized only on purpose: the publishing checks ask for a section."
        ),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    # A new story opens with one empty paragraph, ready to type in (see BodyBlock.clean).
    body = StreamField(BodyBlock(), default=[("paragraph", "")])
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers can comment until this is switched off or the site closes them."),
    )

    update_note = models.TextField(
        _("update note"),
        max_length=400,
        blank=True,
        help_text=_("What the latest update changed, shown to readers under the standfirst."),
    )
    republished_as = models.CharField(
        _("publishing again as"), max_length=12, choices=Republishing.choices, blank=True
    )
    # When readers were last told the story changed: an update or a correction.
    # Never taken from a revision (see with_content_json).
    last_updated_at = models.DateTimeField(_("last updated at"), null=True, editable=False)

    objects = ArticleManager()

    # The Story tab holds everything a reporter fills in, in the order they write it.
    content_panels = [
        TitleFieldPanel(
            "title",
            heading=_("Headline"),
            placeholder=_("Headline"),
            help_text=_("The words readers see first: say what happened, in under a line."),
        ),
        FieldPanel("standfirst"),
        FieldPanel("dateline"),
        MultiFieldPanel(
            [FieldPanel("republished_as"), FieldPanel("update_note")],
            heading=_("Publishing again"),
        ),
        FieldPanel("category"),
        InlinePanel("bylines", heading=_("Bylines"), label=_("Byline"), min_num=0),
        FieldPanel("tags", help_text=_("Press Enter, comma or Tab after each tag.")),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_decorative")],
            heading=_("Hero picture"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "latest_developments_pins",
            heading=_("Latest developments"),
            label=_("Pinned story"),
            help_text=_("Leave empty to list the newest other stories automatically."),
        ),
    ]
    # Slug, SEO title, search description and "show in menus": Wagtail's own panels.
    promote_panels = Page.promote_panels
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Story")),
            ObjectList(promote_panels, heading=_("SEO and promotion")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "bylines",
            [
                index.SearchField("credit"),
                index.RelatedFields("author", [index.SearchField("name")]),
            ],
        ),
        index.FilterField("category"),
    ]

    base_form_class = ArticlePageForm
    # A copy is a new story: it has been neither updated nor corrected.
    exclude_fields_in_copy = ["last_updated_at", "republished_as", "update_note"]
    parent_page_types = ["news.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def save(self, *args, **kwargs):
        # A draft keeps an empty section, so the pre-publish checks can tell it
        # from Uncategorized chosen on purpose; a published story is always filed.
        if self.category_id is None and self.live:
            self.category = Category.objects.uncategorized()
        return super().save(*args, **kwargs)

    def publish(self, revision, *args, log_action=True, **kwargs):
        """Wagtail's publishing; at a scheduled story's time, the pre-publish checks first.

        A scheduled story failing a blocking check is held back, still scheduled,
        and tried again at each round of the scheduler (``newsdesk.news.checks``).
        """
        if log_action == SCHEDULED_PUBLISHING and checks.held_back(self, revision):
            return None
        return super().publish(revision, *args, log_action=log_action, **kwargs)

    @property
    def section(self):
        """The category shown above the headline; unfiled stories show Uncategorized."""
        return self.category or Category.objects.uncategorized()

    @property
    def hero_alt_text(self):
        """What a screen reader says for the hero: its description, or nothing if decorative."""
        return "" if self.hero_decorative else self.hero_image.default_alt_text

    @property
    def published_at(self):
        """When the story first went out."""
        return self.first_published_at

    @property
    def updated_at(self):
        """When readers were last told the story changed (an update or a correction), if ever."""
        return self.last_updated_at

    @property
    def modified_at(self):
        """The story's ``dateModified``: its last update, or its publication if none."""
        return self.last_updated_at or self.first_published_at

    def with_content_json(self, content):
        """The story as a revision has it, with the update time of the story itself.

        The time is set when an update goes live or a correction is added, never
        in the editor, so publishing or reverting to a revision must not take an
        older one from it.
        """
        story = super().with_content_json(content)
        story.last_updated_at = self.last_updated_at
        return story

    @cached_property
    def correction_notes(self):
        """The story's corrections and clarifications, withdrawn ones too, oldest first."""
        if self.pk is None:
            return []
        return list(Correction.objects.for_article(self))

    @property
    def corrections_flag(self):
        """The flag atop the story while any of its notes stands: corrected, or clarified."""
        kinds = {note.kind for note in self.correction_notes if not note.is_withdrawn}
        if Correction.Kind.CORRECTION in kinds:
            return _("This story has been corrected")
        if kinds:
            return _("This story has been clarified")
        return ""

    def day_archive_url(self):
        """The archive of the day the story first went out, in the site's time zone."""
        published = timezone.localtime(self.first_published_at)
        day = {"year": f"{published:%Y}", "month": f"{published:%m}", "day": f"{published:%d}"}
        return reverse("news:archive_day", kwargs=day)

    @cached_property
    def ordered_bylines(self):
        """The story's bylines in the editor's order, each with its reporter.

        A preview reads the bylines from the editor's form, where ``select_related``
        does nothing; a saved story fetches them with their reporters in one query.
        """
        return list(self.bylines.select_related("author"))

    @property
    def authors(self):
        """The reporters among the bylines (people with a profile page), in byline order."""
        return [byline.author for byline in self.ordered_bylines if byline.author_id]

    def byline_groups(self):
        """The bylines grouped by role as readers see them: "By A and B · Photographs by C"."""
        return group_bylines(self.ordered_bylines)

    def latest_developments(self, count=LATEST_DEVELOPMENTS_COUNT):
        """The stories for this article's "Latest developments" box.

        The editor's pinned stories when any of them is published, otherwise the
        newest other published stories. Never this article, a draft, a scheduled
        or an unpublished story.
        """
        return self.pinned_developments(count) or newest_other_stories(self.pk, count)

    def pinned_developments(self, count=LATEST_DEVELOPMENTS_COUNT):
        """The published stories an editor pinned in the box, in the editor's order."""
        pinned_ids = self.pinned_ids
        if not pinned_ids:
            return []
        published = ArticlePage.objects.published().filter(pk__in=pinned_ids).exclude(pk=self.pk)
        live_pins = {a.pk: a for a in published}
        return [live_pins[pk] for pk in pinned_ids if pk in live_pins][:count]

    @cached_property
    def pinned_ids(self):
        return [pin.article_id for pin in self.latest_developments_pins.all()]

    def body_around_developments(self, request=None):
        """The rendered body, cut where the "Latest developments" box goes."""
        settings = NewsSettings.for_request(request)
        before, after = split_after_paragraph(
            self.body, settings.latest_developments_after_paragraph
        )
        return with_dateline(before, self.dateline), after

    def cache_tags(self):
        # A pinned story's change (withdrawn, retitled) changes this page's box; apps
        # that add to the page add their tags (live coverage: ``live:<id>``).
        added = [
            tag for tags in hooks.get_hooks("newsdesk_article_cache_tags") for tag in tags(self)
        ]
        return (story_tag(self.pk), *(story_tag(pk) for pk in self.pinned_ids), *added)

    def invalidation_tags(self):
        return (story_tag(self.pk), STORIES, HEADLINES)

    def purge_urls(self):
        """Listings this story appears in, for a CDN: its sections, tags, authors and feeds."""
        paths = ["/", reverse("syndication:feed"), reverse("syndication:feed_atom")]
        for category in [*self.section.ancestors(), self.section]:
            paths.append(category.get_absolute_url())
            paths.append(reverse("syndication:category_feed", args=[category.slug]))
        paths += [reverse("news:tag", args=[tag.slug]) for tag in self.tags.all()]
        paths += [author.get_absolute_url() for author in self.authors]
        root = self.get_site().root_url
        return [root + path for path in paths]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The request's copy of the category knows its parents, so the top-level
        # section, the breadcrumbs and the masthead all come from one query; a
        # story filed nowhere reads as Uncategorized from the same one.
        tree = category_tree(request)
        self.category = (
            tree.get(self.category_id)
            or self.category
            or tree.with_slug(Category.UNCATEGORIZED_SLUG)
        )
        context["body_before"], context["body_after"] = self.body_around_developments(request)
        context["pinned_developments"] = self.pinned_developments()
        context["current_section"] = self.section.root
        for extend in hooks.get_hooks("newsdesk_article_context"):
            extend(self, request, context, **kwargs)
        return context
