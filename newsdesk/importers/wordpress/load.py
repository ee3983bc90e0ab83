"""Importing a WordPress export: survey the file, then write it in short batches.

The first pass (``plan.survey``) reads the whole file and fails before anything is
written if it cannot be read. The second streams it again and writes: names
first (authors, categories, tags, pictures), then posts and pages with their
comments, then redirects and front-page picks.

A site being imported into may be serving readers, whose comments need the
database's write lock too. So nothing holds it for long: each post's content is
converted outside any transaction, and the posts are written in batches sized
to commit in about ``BATCH_SECONDS``, each with its search entries, its records
in the importer's journal and one invalidation of the page cache. A run that is
stopped leaves whole batches behind; the next run finds them unchanged and
carries on after them. A dry run does the same work in the same transactions
and rolls each of them back.
"""

from contextlib import contextmanager, nullcontext
from html import unescape
from time import monotonic
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from newsdesk.caching import invalidating_once
from newsdesk.core.models import StandardPage
from newsdesk.news import cache_tags
from newsdesk.news.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleTag,
    FrontPagePick,
    HomePage,
)

from . import content, media, pages, parse, plan, terms
from .discussion import Discussions
from .journal import Journal
from .known import Known
from .redirects import Redirects
from .report import Report

# How long one batch may hold the write lock; a reader's comment waits at most about this.
BATCH_SECONDS = 0.2
# A batch's size is counted in posts plus comments, and follows how fast the last ones wrote.
FIRST_BATCH, MIN_BATCH, MAX_BATCH = 300, 20, 20_000
STANDFIRST_MAX = 400
KINDS = {"post": "posts", "page": "pages"}


def import_export(path, media_dir=None, dry_run=False, author_map=None, progress=None):
    """Import the WXR file at ``path``; returns the ``Report``.

    ``progress`` is called once per item on each of the two passes, with the
    pass's name. Raises ``parse.ExportError`` for a file that cannot be imported;
    nothing is written then.
    """
    survey = plan.survey(path, progress=progress and (lambda: progress("Reading")))
    report = Report(site=survey.site.title or survey.source, dry_run=dry_run)
    report.not_content.update(survey.not_content)
    survey.report_to(report)
    journal = None
    if not dry_run:
        journal = Journal(survey.source, path, survey.items)
        report.resumed = journal.resumed()
    _Run(survey, report, media_dir, dry_run, author_map or {}, journal).write(path, progress)
    return report


def _in_chunks(values, size=5000):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Run:
    """One import's state between the survey and the last batch."""

    def __init__(self, survey, report, media_dir, dry_run, author_map, journal=None):
        self.survey, self.report = survey, report
        self.dry_run, self.journal = dry_run, journal
        self.known = Known(survey.source)
        with self._transaction():
            self.authors = terms.import_authors(survey, self.known, report, author_map)
            self.categories = terms.import_categories(survey, self.known, report)
            self.tags = terms.import_tags(survey, self.known, report)
            self.known.flush()
            self._stale()
        with self._rehearsal():
            self.pictures = media.import_attachments(survey, self.known, report, media_dir, dry_run)
        home, index = HomePage.objects.first(), ArticleIndexPage.objects.first()
        if home is None or index is None:
            raise parse.ExportError("the site has no front page or story index to import into")
        site = home.get_site()
        root_path = site.root_page.url_path if site else home.url_path
        self.home = home
        self.shelves = {
            "post": pages.Shelf(index, ArticlePage, root_path),
            "page": pages.Shelf(home, StandardPage, root_path),
        }
        self.host = urlsplit(survey.site.base_url).netloc
        self.page_ids, self.urls, self.slugs = {}, {}, {}
        self._plan_addresses(root_path)
        self.indexed = {ArticlePage: [], StandardPage: []}
        self.discussions = Discussions(self.known, report)
        self.redirects = Redirects(survey, report)
        self.batch_size = FIRST_BATCH

    def _plan_addresses(self, root_path):
        """Every post's new address, before any is written, so links between them resolve."""
        known = {s.wp_id: self.known.get(s.type, s.wp_id) for s in self.survey.posts.values()}
        url_paths = {}
        for chunk in _in_chunks(pk for pk in known.values() if pk):
            url_paths.update(Page.objects.filter(pk__in=chunk).values_list("pk", "url_path"))
        self.by_path = {}
        for summary in self.survey.posts.values():
            if known[summary.wp_id] in url_paths:
                self.page_ids[summary.wp_id] = known[summary.wp_id]
                url = "/" + url_paths[known[summary.wp_id]][len(root_path) :]
            else:
                shelf = self.shelves[summary.type]
                self.slugs[summary.wp_id] = shelf.claim_slug(summary)
                url = f"{shelf.url}{self.slugs[summary.wp_id]}/"
            self.urls[summary.wp_id] = url
            if summary.link:
                self.by_path[_path_key(summary.link)] = url

    def url_for(self, href):
        """The new address of a link to an imported post or page, or None."""
        parts = urlsplit(href)
        if parts.netloc not in {"", self.host}:
            return None
        query = parse_qs(parts.query)
        for key in ("p", "page_id"):
            if query.get(key, [""])[0].isdigit():
                return self.urls.get(int(query[key][0]))
        return self.by_path.get(_path_key(href)) if parts.path.strip("/") else None

    def write(self, path, progress=None):
        """Stream the export again and write it, batch by batch, then what needs it all."""
        batch, size, position = [], 0, 0
        queued = set()
        for record in parse.read(path):
            if not isinstance(record, parse.Item):
                continue
            position += 1
            entry = self._prepare(record, queued)
            if entry:
                batch.append(entry)
                queued.add(record.wp_id)
                size += 1 + len(record.comments)
            if progress:
                progress("Importing")
            if size >= self.batch_size:
                self._commit(batch, position)
                batch, size, queued = [], 0, set()
        self._commit(batch, position)
        self._finish()

    def _prepare(self, item, queued):
        """``(item, fields, page id or None)`` for an item to write, None for one to leave.

        Converting the content is most of an item's cost: done here, before its
        batch takes the write lock.
        """
        if item.wp_id not in self.survey.posts or item.wp_id in queued:
            return None
        page_id = self.page_ids.get(item.wp_id)
        if page_id is not None and self.known.digest(item.type, item.wp_id) == item.digest:
            self.report.count(KINDS[item.type], "unchanged")
            return None
        return item, self._fields(item), page_id

    def _commit(self, batch, position):
        """Write ``batch`` in one short transaction; the next batch is sized after it."""
        started = monotonic()
        with self._transaction():
            for item_type in ("post", "page"):
                new = [(i, f) for i, f, page_id in batch if page_id is None and i.type == item_type]
                if new:
                    self._write_new(item_type, new)
            for item, fields, page_id in batch:
                if page_id is not None:
                    self._update(item, fields, page_id)
            self.discussions.flush()
            self.known.flush()
            if not self.dry_run:
                # A rehearsal's reporters and sections are rolled back already: nothing to index.
                _index(self.indexed)
            self.indexed = {model: [] for model in self.indexed}
            if self.journal:
                self.journal.progress(position)
            self._stale()
        if batch:
            elapsed = max(monotonic() - started, 0.001)
            grown = self.batch_size * min(2.0, max(0.5, BATCH_SECONDS / elapsed))
            self.batch_size = int(min(MAX_BATCH, max(MIN_BATCH, grown)))

    @contextmanager
    def _transaction(self):
        """One short transaction, and one invalidation when it commits; a dry run's is
        rolled back, so that a rehearsal, too, never holds the database for long."""
        with transaction.atomic(), invalidating_once():
            yield
            if self.dry_run:
                transaction.set_rollback(True)

    def _rehearsal(self):
        """Around steps that commit in transactions of their own: a dry run rolls them back."""
        return self._transaction() if self.dry_run else nullcontext()

    def _stale(self):
        """Every page may show what the batch wrote: pages written in bulk send no signals,
        and the names' own signals are gathered with this into one invalidation."""
        if not self.dry_run:
            cache_tags.batch_imported()

    def _update(self, item, fields, page_id):
        model = self.shelves[item.type].model
        extra = fields.pop("_extra")
        page = pages.update(model, page_id, item, fields, self.report)
        self._write_links([(item, page_id, extra)], replace=True)
        self.known.remember(item.type, item.wp_id, page_id, item.digest, item.guid)
        self.indexed[model].append(page.pk)
        self.report.count(KINDS[item.type], "updated")

    def _fields(self, item):
        links = content.Links(
            image=self.pictures.find, url_for=self.url_for, footnotes=item.meta.get("footnotes", "")
        )
        body = content.convert(item.content, links)
        for note in body.notes:
            self.report.warn(f"{item.type} {item.wp_id}", note)
        extra = {"restriction": pages.restriction(item, self.report)}
        if item.type == "page":
            return {"introduction": _text(item.excerpt), "body": body.blocks, "_extra": extra}
        extra["tags"] = [
            self.tags[t.slug]
            for t in item.terms
            if t.taxonomy == "post_tag" and t.slug in self.tags
        ]
        extra["author"] = self.authors.get(item.creator)
        hero = item.meta.get("_thumbnail_id", "")
        hero_id = self.pictures.find(int(hero), "") if hero.isdigit() else None
        if hero.isdigit() and hero_id is None:
            self.report.warn(f"post {item.wp_id}", f"featured image {hero} was not imported")
        attachment = self.survey.attachments.get(int(hero)) if hero.isdigit() else None
        return {
            "standfirst": self._standfirst(item, body),
            "hero_image_id": hero_id,
            "hero_caption": _text(attachment.caption)[:400] if attachment and hero_id else "",
            "category_id": self._category(item).pk,
            "body": body.blocks,
            "comments_open": item.comments_open,
            "last_updated_at": pages.update_time(item),
            "_extra": extra,
        }

    def _standfirst(self, item, body):
        text = _text(item.excerpt) or body.teaser or body.text()
        if len(text) > STANDFIRST_MAX:
            if _text(item.excerpt):
                self.report.warn(f"post {item.wp_id}", "excerpt cut to fit the standfirst")
            text = Truncator(text).chars(STANDFIRST_MAX)
        return text

    def _category(self, item):
        slugs = [
            t.slug for t in item.terms if t.taxonomy == "category" and t.slug in self.categories
        ]
        filed = [slug for slug in slugs if slug != terms.UNCATEGORIZED] or slugs
        if len(filed) > 1:
            self.report.warn(
                f"post {item.wp_id}",
                f"in {len(filed)} categories ({', '.join(filed)});"
                f" filed under {filed[0]}, the first",
            )
        return self.categories[filed[0]] if filed else terms.Category.objects.uncategorized()

    def _write_new(self, item_type, batch):
        shelf = self.shelves[item_type]
        # Only a shelf that takes pages looks for its last child: under the front page
        # that means passing every story below it.
        shelf.begin()
        rows = [shelf.row(self.slugs[item.wp_id], item, self.report) for item, _f in batch]
        written = Page.objects.bulk_create(rows)
        shelf.count_children()
        links = []
        for (item, fields), page in zip(batch, written, strict=True):
            extra = fields.pop("_extra")
            pages.write_specific(shelf.model, page.pk, fields)
            self.page_ids[item.wp_id] = page.pk
            self.known.remember(item_type, item.wp_id, page.pk, item.digest, item.guid)
            self.indexed[shelf.model].append(page.pk)
            links.append((item, page.pk, extra))
        self._write_links(links)
        self.report.count(KINDS[item_type], "created", len(batch))

    def _write_links(self, links, replace=False):
        """Bylines, tags, view restrictions and comments of freshly written pages."""
        article_ids = [page_id for item, page_id, _e in links if item.type == "post"]
        if replace:
            ArticleAuthor.objects.filter(article_id__in=article_ids).delete()
            ArticleTag.objects.filter(content_object_id__in=article_ids).delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article_id=page_id, author_id=extra["author"], sort_order=0)
            for item, page_id, extra in links
            if item.type == "post" and extra["author"]
        )
        ArticleTag.objects.bulk_create(
            ArticleTag(content_object_id=page_id, tag=tag)
            for item, page_id, extra in links
            if item.type == "post"
            for tag in dict.fromkeys(extra["tags"])
        )
        pages.restrict((page_id, e["restriction"]) for _i, page_id, e in links if e["restriction"])
        comments = [c for item, _p, _e in links for c in item.comments]
        self.known.preload("comment", {n for c in comments for n in (c.wp_id, c.parent_id) if n})
        for item, page_id, _extra in links:
            if item.type == "post":
                self.discussions.gather(page_id, item)
            elif item.comments:
                self.report.count("comments", "skipped", len(item.comments))
                self.report.warn(
                    f"page {item.wp_id}",
                    f"{len(item.comments)} comments left out: "
                    "Newsdesk takes comments on stories only",
                )
        self.discussions.flush()
        # Wagtail publishes a scheduled page as its revision has it, so the revision is
        # taken once the bylines and tags are written: before, it would drop them.
        for item, page_id, _extra in links:
            if item.status == "future" and item.date:
                pages.schedule(self.shelves[item.type].model, page_id, item.date)

    def _finish(self):
        """Write what needs every post in place: redirects and front-page picks."""
        for summary in self.survey.posts.values():
            if summary.wp_id in self.page_ids:
                self.redirects.post(summary, self.page_ids[summary.wp_id], self.urls[summary.wp_id])
        for term in self.survey.categories.values():
            self.redirects.category(
                term, _chain(term, self.survey.categories), self.categories[term.slug]
            )
        for term in self.survey.tags.values():
            self.redirects.tag(term, f"/tag/{self.tags[term.slug].slug}/")
        with self._rehearsal():
            self.redirects.write()
        with self._transaction():
            self._pick_sticky_posts()
            self.known.flush()
            if self.journal:
                self.journal.finish()
            self._stale()

    def _pick_sticky_posts(self):
        sticky = [s.wp_id for s in self.survey.posts.values() if s.sticky and s.type == "post"]
        picked = set(self.home.picks.values_list("article_id", flat=True))
        order = self.home.picks.count()
        for wp_id in sticky:
            article_id = self.page_ids.get(wp_id)
            if article_id and article_id not in picked:
                FrontPagePick.objects.create(
                    page=self.home, article_id=article_id, sort_order=order
                )
                order += 1


def _text(html):
    """HTML as one line of plain text, unescaped exactly once.

    Some exports hold an excerpt's markup escaped (``&lt;blockquote&gt;``): the tags
    that unescaping reveals are markup too, so they are stripped as well.
    """
    return " ".join(strip_tags(unescape(strip_tags(html or ""))).split())


def _path_key(url):
    """How a link and a permalink are compared: the path, without its trailing slash."""
    return Redirect.normalise_path(urlsplit(url or "").path).lower()


def _chain(term, categories):
    """The slugs from the outermost parent down to ``term``: WordPress's category address."""
    chain, node, seen = [], term, set()
    while node is not None and node.slug not in seen:
        chain.insert(0, node.slug)
        seen.add(node.slug)
        node = categories.get(node.parent)
    return chain


def _index(indexed):
    """Add a batch's pages to the search index in bulk, as the admin would one by one."""
    for model, ids in indexed.items():
        for chunk in _in_chunks(ids):
            objects = model.get_indexed_objects().filter(pk__in=chunk)
            if model is ArticlePage:
                objects = objects.prefetch_related("bylines__author", "tags")
            objects = list(objects)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
