"""Small builders for the objects news tests need; other apps' tests use them too."""

import io
import itertools
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.rich_text import RichText

from newsdesk.core.models import NewsImage
from newsdesk.news.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author, Category
from newsdesk.news.models.bylines import REPORTING

_sequence = itertools.count(1)


def story_index():
    return ArticleIndexPage.objects.get(slug="news")


def make_category(name=None, parent=None, **fields):
    name = name or f"Section {next(_sequence)}"
    return Category.objects.create(name=name, slug=slugify(name), parent=parent, **fields)


def make_author(name=None, **fields):
    name = name or f"Reporter {next(_sequence)}"
    return Author.objects.create(name=name, slug=slugify(name), **fields)


def make_image(
    title="Harbour at dawn", credit="Photo: Newsdesk staff", description="", size=(64, 48)
):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (40, 90, 140)).save(buffer, "PNG")
    return NewsImage.objects.create(
        title=title,
        credit=credit,
        description=description,
        file=ImageFile(buffer, name=f"test-{next(_sequence)}.png"),
    )


def paragraphs(count, prefix="Paragraph"):
    """Body blocks: ``count`` paragraph blocks, each one sentence."""
    return [
        ("paragraph", RichText(f"<p>{prefix} {n} of the story.</p>")) for n in range(1, count + 1)
    ]


def make_article(
    title=None,
    *,
    category=None,
    authors=(),
    bylines=(),
    tags=(),
    body=None,
    publish=True,
    published_at=None,
    **fields,
):
    """Create an article under the story index; published unless ``publish=False``.

    ``authors`` are reporters with the role Reporting; ``bylines`` follow them as
    ``(who, role)`` pairs, ``who`` an ``Author`` or a credit line such as "Staff".
    """
    title = title or f"Story number {next(_sequence)}"
    article = ArticlePage(
        title=title,
        slug=slugify(title)[:200] or f"story-{next(_sequence)}",
        standfirst=fields.pop("standfirst", f"What happened in {title.lower()}."),
        category=category,
        body=body if body is not None else paragraphs(6),
        live=False,
        **fields,
    )
    story_index().add_child(instance=article)
    credits = [*((author, REPORTING) for author in authors), *bylines]
    for order, (who, role) in enumerate(credits):
        who = {"credit": who} if isinstance(who, str) else {"author": who}
        ArticleAuthor.objects.create(article=article, role=role, sort_order=order, **who)
    if tags:
        article.tags.add(*tags)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
            article.refresh_from_db()
    return article


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def make_correction(
    article, text="The ferry leaves at 07:40, not 07:15.", *, kind=None, withdrawn=False
):
    """A correction (a clarification, given ``kind``) on ``article``, added the newsroom's way."""
    from newsdesk.news import corrections
    from newsdesk.news.models import Correction

    note = corrections.add(article, kind=kind or Correction.Kind.CORRECTION, text=text)
    return corrections.withdraw(note) if withdrawn else note
