"""Finding stories: what a reader typed, turned into a ranked, filtered page of cards."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends.base import EmptySearchResults
from wagtail.search.query import And, Phrase, PlainText

from newsdesk.news.listing import listing_page
from newsdesk.news.models import ArticlePage
from newsdesk.news.models.articles import ArticleQuerySet

# Wagtail's own backend with headline-first ranking: see backends/__init__.py.
SEARCH_BACKEND = "stories"
# Wagtail cuts queries at this length too; nobody types more into a search box.
MAX_QUERY_LENGTH = 255
# Pages past this are still served, only without fetching the page before counting.
MAX_PREFETCHED_PAGE = 10_000
# Letters and digits, as the full-text engines split words: punctuation, quotes
# and operators never reach them as syntax.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query: what to search for, and the words and phrases to highlight."""

    query: object
    terms: tuple


def parse_query(text):
    """Read what a reader typed: words, and phrases in double quotes ("harbour bridge").

    Every word must match; a phrase must match as written. An unclosed quote
    runs to the end. Without a single word, ``query`` is None.
    """
    parts, terms = [], []
    for index, chunk in enumerate((text or "")[:MAX_QUERY_LENGTH].split('"')):
        words = WORD.findall(chunk.lower())
        if not words:
            continue
        if index % 2:
            phrase = " ".join(words)
            parts.append(Phrase(phrase))
            terms.append(phrase)
        else:
            parts.append(PlainText(" ".join(words), operator="and"))
            terms.extend(words)
    query = None
    if parts:
        query = parts[0] if len(parts) == 1 else And(parts)
    return ParsedQuery(query, tuple(dict.fromkeys(terms)))


def search_stories(q, category=None, published_from=None, published_to=None, newest_first=False):
    """Published, public stories matching ``q``, best first: headline matches lead;
    or, with ``newest_first``, by publication time, newest first.

    ``category`` takes in its subcategories; ``published_from`` and
    ``published_to`` are dates, both included, in the site's time zone. Returns
    ``StoryResults``: counted and sliced like a queryset, into story cards.
    """
    parsed = parse_query(q)
    if parsed.query is None:
        return StoryResults(EmptySearchResults(), parsed.terms)
    pages = story_pages(category, published_from, published_to)
    if newest_first:
        # published()'s order, the tiebreak named as the search index knows it ("id", not "pk").
        pages = pages.order_by("-first_published_at", "-id")
    results = pages.search(
        parsed.query, backend=SEARCH_BACKEND, order_by_relevance=not newest_first
    )
    return StoryResults(results, parsed.terms)


def story_pages(category=None, published_from=None, published_to=None):
    """The stories a reader may find, filtered, as rows of Wagtail's page table.

    The rule is ``ArticlePage.objects.published()``'s own, applied to the page
    table: the search checks every match against these rows, and reading the
    article table instead, whose rows carry whole bodies, would cost more than
    the search itself. The category is matched through its index for the same reason.
    """
    pages = ArticleQuerySet(Page).type(ArticlePage).published()
    if category is not None:
        pages = pages.filter(pk__in=ArticlePage.objects.in_category(category).values("pk"))
    # The first and last days a date can name put no bound: their edges in UTC
    # may fall outside what a datetime can hold.
    if published_from is not None and published_from > date.min:
        pages = pages.filter(first_published_at__gte=_start_of(published_from))
    if published_to is not None and published_to < date.max:
        pages = pages.filter(first_published_at__lt=_start_of(published_to + timedelta(days=1)))
    return pages


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def story_cards(pages):
    """The story cards for ``pages``, in the same order, fetched by ``for_listing()`` at once."""
    stories = ArticlePage.objects.published().for_listing().in_bulk([page.pk for page in pages])
    return [stories[page.pk] for page in pages if page.pk in stories]


class StoryResults:
    """Search results as story cards, counted and sliced the way ``Paginator`` expects.

    A fetched window is kept, with the total when the backend returns it alongside
    (the SQLite one does), so counting after fetching costs no second search.
    """

    def __init__(self, results, terms):
        self.results = results
        self.terms = terms
        self._total = None
        self._window = (0, 0, [])

    def count(self):
        """How many stories match in all."""
        if self._total is None:
            self._total = self.results.count()
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        fetched_start, fetched_stop, cards = self._window
        if fetched_start <= start and stop is not None and stop <= fetched_stop:
            return cards[start - fetched_start : stop - fetched_start]
        return self.fetch(start, stop)

    def fetch(self, start, stop):
        """Fetch and keep the cards in ``[start:stop]``; returns them."""
        found = self.results[start:stop]
        cards = story_cards(list(found))
        total = getattr(found, "total", None)
        if total is not None:
            self._total = total
        self._window = (start, stop if stop is not None else start + len(cards), cards)
        return cards


def results_page(results, number, per_page):
    """Page ``number`` of ``results``, for the pagination include.

    A malformed or out-of-range number answers 404, as on every other listing
    (``listing_page``). The page's stories are fetched before the total is asked for, so
    on SQLite a single query answers both.
    """
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if 1 <= wanted <= MAX_PREFETCHED_PAGE:
        first = (wanted - 1) * per_page
        results.fetch(first, first + per_page)
    return listing_page(Paginator(results, per_page), number)
