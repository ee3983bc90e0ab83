"""The throwaway paper the bench measures: generated stories, discussions, bulletins.

Stories come from the search benchmark's generator (``add_stories``), written
in bulk; readers' discussions from the demo's (``add_discussion``). The newest
story is the breaking one that every reader opens and comments on.
"""

import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from newsdesk.benchmarks.generate import add_stories
from newsdesk.comments.models import Comment
from newsdesk.demo.build import add_discussion
from newsdesk.news.models import ArticleIndexPage, ArticlePage

DISCUSSED_EVERY = 10
BREAKING_STORY_THREADS = 8
CHUNK = 500


def write_stories(count, progress=None):
    """Publish ``count`` generated stories; ``progress`` is called with each chunk's count."""
    add_stories(count, progress=progress)


def discussed_story_ids():
    """The stories readers talk about: the newest, then every tenth one."""
    ids = list(ArticlePage.objects.published().values_list("pk", flat=True))
    return ids[:1] + ids[DISCUSSED_EVERY::DISCUSSED_EVERY]


def add_discussions(ids, progress=None):
    """Readers' approved comments under the stories ``ids``, a long discussion under the first.

    Returns how many comments were written.
    """
    now = timezone.now()
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            for story in ArticlePage.objects.filter(pk__in=chunk):
                least = BREAKING_STORY_THREADS if story.pk == ids[0] else 0
                rng = random.Random(story.pk)  # noqa: S311 - sample text, not secrets
                written += add_discussion(story, rng, now, least=least)
        if progress:
            progress(len(chunk))
    return written


def story_paths():
    """Every published story's path on the site, newest first."""
    root = Site.objects.get(is_default_site=True).root_page.url_path
    url_paths = ArticlePage.objects.published().values_list("url_path", flat=True)
    return ["/" + url_path.removeprefix(root) for url_path in url_paths]


def bulletin_headline(number):
    """The headline of bulletin ``number``: no headline is part of another."""
    return f"Bulletin {number} from the bench desk: harbour lights back on"


def draft_bulletin(number):
    """A new story saved as a draft, ready to publish; returns its revision."""
    story = ArticlePage(
        title=bulletin_headline(number),
        slug=f"bench-bulletin-{number}",
        standfirst="Power came back to the quay an hour after the storm passed.",
        body=[("paragraph", RichText("<p>Crews restored the supply street by street.</p>"))],
        live=False,
    )
    ArticleIndexPage.objects.get(slug="news").add_child(instance=story)
    return story.save_revision()


def stored_comment_ids(email_domain):
    """Comments from addresses at ``email_domain``: each body with the ids stored under it."""
    stored = {}
    comments = Comment.objects.filter(email__endswith=f"@{email_domain}")
    for pk, body in comments.values_list("pk", "body"):
        stored.setdefault(body, []).append(pk)
    return stored
