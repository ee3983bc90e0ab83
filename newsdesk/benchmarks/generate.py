"""Generated stories in bulk, for measuring search on a paper of a known size.

Adding pages one by one through Wagtail (``add_child``, a revision, a publish)
costs tens of milliseconds each and re-indexes the page on every save, which is
far too slow for 20,000 stories. Here the tree rows are written in bulk
(``newsdesk.core.tree``), the pages go live without revisions, and the search
index is then filled through Wagtail's own indexing API in chunks.
The text is generated from the demo paper's invented vocabulary.
"""

import random
import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends

from newsdesk.core.tree import NewChildren
from newsdesk.demo.build import ensure_sections
from newsdesk.demo.stories import (
    BACKGROUND,
    BEATS,
    DATELINES,
    FOLLOW_UPS,
    REPORTERS,
    SECTIONS,
    STAFF,
    STORIES,
)
from newsdesk.news.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleTag,
    Author,
)

CHUNK = 500
PARAGRAPHS = 8
HOURS_APART = 1


def _section_vocabulary(section):
    """The words the demo's stories in ``section`` use, repeats kept.

    Sampling it gives common words often and rare ones seldom, and keeps each
    section's vocabulary its own, as real reporting does: a football report
    seldom mentions the shipyard.
    """
    return tuple(
        word.lower()
        for story in STORIES
        if story.section == section
        for text in (story.headline, story.standfirst, *story.facts, story.quote)
        for word in re.findall(r"[A-Za-z']+", text)
    )


VOCABULARY = {section.slug: _section_vocabulary(section.slug) for section in SECTIONS}


@dataclass(frozen=True)
class GeneratedStory:
    title: str
    standfirst: str
    body: list
    section: str
    tags: tuple
    authors: tuple
    credit_lines: tuple
    dateline: str
    published_at: object


def _sentence(section, rng):
    words = rng.choices(VOCABULARY[section], k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(seed, rng):
    sentences = [rng.choice(seed.facts), rng.choice(BACKGROUND[seed.section])]
    sentences += [_sentence(seed.section, rng) for _n in range(rng.randint(2, 4))]
    rng.shuffle(sentences)
    return ("paragraph", RichText(f"<p>{escape(' '.join(sentences))}</p>"))


def generated_story(number, now):
    """Story ``number`` of a generated paper: the same number always gives the same story."""
    rng = random.Random(number)  # noqa: S311 - sample text, not secrets
    seed = STORIES[number % len(STORIES)]
    angle = rng.choice(FOLLOW_UPS)
    beat = BEATS[seed.section]
    return GeneratedStory(
        title=f"{seed.headline}: {angle}",
        standfirst=seed.standfirst,
        body=[_paragraph(seed, rng) for _n in range(PARAGRAPHS)],
        section=seed.section,
        tags=seed.tags,
        authors=beat[: rng.choice((1, 1, 1, 2))],
        # As on a real paper: some pictures credited to the desk, some stories datelined.
        credit_lines=((STAFF, "Photographs"),) if number % 5 == 0 else (),
        dateline=DATELINES[number % len(DATELINES)] if number % 3 == 0 else "",
        published_at=now - timedelta(hours=number * HOURS_APART, minutes=rng.randrange(60)),
    )


def ensure_reporters():
    """The demo's reporters, without their drawn portraits; returns them by slug."""
    return {
        reporter.slug: Author.objects.get_or_create(
            slug=reporter.slug, defaults={"name": reporter.name, "role": reporter.role}
        )[0]
        for reporter in REPORTERS
    }


def add_stories(count, progress=None, now=None):
    """Publish ``count`` more generated stories and index them; returns how many the paper has.

    ``progress`` is called with the number of stories each chunk added.
    """
    now = now or timezone.now()
    newsroom = (ensure_sections(), ensure_reporters(), {})
    story_index = ArticleIndexPage.objects.get(slug="news")
    for start in range(0, count, CHUNK):
        with transaction.atomic():
            ids = _write_chunk(NewChildren(story_index), min(CHUNK, count - start), newsroom, now)
            _index(ids)
        if progress:
            progress(len(ids))
    return ArticlePage.objects.count()


def _write_chunk(children, count, newsroom, now):
    sections, reporters, tags = newsroom
    # Numbered by position, so that each story's number and slug are new under the index.
    numbers = range(children.next_position, children.next_position + count)
    stories = [generated_story(number, now) for number in numbers]
    pages = children.write(_page_row(*row) for row in zip(numbers, stories, strict=True))
    for page, story in zip(pages, stories, strict=True):
        article = ArticlePage(
            page_ptr_id=page.pk,
            standfirst=story.standfirst,
            body=story.body,
            category=sections[story.section],
            dateline=story.dateline,
        )
        # Only the article's own table: its page row is already written.
        article.save_base(raw=True, force_insert=True)
    ArticleAuthor.objects.bulk_create(
        byline
        for page, story in zip(pages, stories, strict=True)
        for byline in _bylines(page.pk, story, reporters)
    )
    ArticleTag.objects.bulk_create(
        ArticleTag(content_object_id=page.pk, tag=_tag(name, tags))
        for page, story in zip(pages, stories, strict=True)
        for name in story.tags
    )
    return [page.pk for page in pages]


def _bylines(article_id, story, reporters):
    """The story's reporters (role Reporting, the default), then its credit lines."""
    yield from (
        ArticleAuthor(article_id=article_id, author=reporters[slug], sort_order=order)
        for order, slug in enumerate(story.authors)
    )
    yield from (
        ArticleAuthor(article_id=article_id, credit=credit, role=role, sort_order=order)
        for order, (credit, role) in enumerate(story.credit_lines, start=len(story.authors))
    )


def _page_row(number, story):
    return Page(
        title=story.title,
        draft_title=story.title,
        slug=f"generated-story-{number}",
        content_type=ContentType.objects.get_for_model(ArticlePage),
        live=True,
        has_unpublished_changes=False,
        first_published_at=story.published_at,
        last_published_at=story.published_at,
    )


def _tag(name, made):
    if name not in made:
        made[name], _created = Tag.objects.get_or_create(name=name, defaults={"slug": name})
    return made[name]


def _index(ids):
    articles = ArticlePage.get_indexed_objects().filter(pk__in=ids)
    articles = list(articles.prefetch_related("bylines__author"))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, articles)
