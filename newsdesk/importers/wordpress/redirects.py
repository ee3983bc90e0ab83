"""Old WordPress addresses answered with permanent redirects, through Wagtail's redirects.

A post is known by its permalink (whatever the permalink structure: dates,
categories, ``/archives/ID``, a page's parents) and the permalinks of the slugs
it had before (``_wp_old_slug``), by ``/?p=ID`` (and a page by
``/?page_id=ID`` too) and often by its GUID; a category by
``/category/parent/child/`` and ``/?cat=ID``; a tag by ``/tag/slug/`` and
``/?tag=slug``. Wagtail's redirects ignore scheme and host, and the trailing
slash, so one record answers ``http`` and ``https`` alike. The query-string
forms are paths of the front page, which answers 200, so Wagtail's redirect
middleware (which looks only at 404s) never sees them: ``wagtail_hooks.py``
answers those from the same records.

Addresses are the blog's own (``<wp:base_blog_url>``), never its network's. A
blog that lived in a folder of a multisite network (``network.example/choir/``)
is also answered without the folder, for when it moves to a host of its own.
Every post gets its redirects, drafts too: ``newsdesk.core.redirects`` follows
one only while its page is live, so a draft's old address answers 404 until
the draft is published, and then redirects.
"""

from urllib.parse import quote, unquote, urlsplit

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

# Redirects written per transaction, so that no write holds the database for long.
PER_BATCH = 2000


def _path(url):
    """The path and query of ``url``, as Wagtail's redirects store them."""
    return Redirect.normalise_path(url)


def _host(url):
    """The host of ``url`` as a reader may type it: any case, with or without ``www.``."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def _is_address(url):
    """Whether ``url`` is a web address or a path; a GUID can be any unique string."""
    return bool(url) and (urlsplit(url).scheme in {"http", "https"} or url.startswith("/"))


def _with_old_slugs(summary):
    """The permalink as it was under each slug the post had before (``_wp_old_slug``)."""
    parts = urlsplit(summary.link or "")
    head, _slash, last = parts.path.rstrip("/").rpartition("/")
    if not summary.slug or unquote(last) != summary.slug:
        return []
    trail = "/" if parts.path.endswith("/") else ""
    return [
        parts._replace(path=f"{head}/{quote(old)}{trail}").geturl()
        for old in summary.old_slugs
        if old != summary.slug
    ]


class Redirects:
    """Collects old addresses and writes the missing redirects in bulk."""

    def __init__(self, survey, report):
        self.report = report
        self.base = urlsplit(survey.site.base_url).path.rstrip("/")
        self.hosts = {_host(survey.site.base_url), _host(survey.site.link)} - {""}
        self.wanted = {}  # old path -> (page id or None, link or None)
        # A GUID keeps the host the post was written on, which the blog may have left
        # since, and a link may name a staging host: their paths are taken only where
        # no address on the blog's own host claims them.
        self.elsewhere = {}

    def post(self, summary, page_id, new_url):
        """Every address one post or page had: permalink, GUID, ``?p=`` and ``?page_id=``."""
        urls = [summary.link, *_with_old_slugs(summary), summary.guid]
        if not summary.derived_id:
            urls.append(f"{self.base}/?p={summary.wp_id}")
            if summary.type == "page":
                urls.append(f"{self.base}/?page_id={summary.wp_id}")
        urls = [url for url in urls if _is_address(url)]
        self._want([url for url in urls if self._on_blog(url)], new_url, page_id=page_id)
        self._want(
            [url for url in urls if not self._on_blog(url)],
            new_url,
            page_id=page_id,
            into=self.elsewhere,
        )

    def category(self, term, chain, category):
        """``/category/<parents>/<slug>/`` and ``?cat=ID`` to the category's page."""
        urls = [f"{self.base}/category/{'/'.join(chain)}/"]
        if term.term_id:
            urls.append(f"{self.base}/?cat={term.term_id}")
        self._want(urls, category.get_absolute_url())

    def tag(self, term, tag_url):
        """``/tag/slug/`` and ``?tag=slug`` to the tag's page."""
        self._want([f"{self.base}/tag/{term.slug}/", f"{self.base}/?tag={term.slug}"], tag_url)

    def _on_blog(self, url):
        return not urlsplit(url).netloc or _host(url) in self.hosts

    def _want(self, urls, new_url, page_id=None, into=None):
        into = self.wanted if into is None else into
        new_path = _path(new_url)
        for url in urls:
            for old_path in self._paths(url):
                if old_path not in {"/", new_path}:
                    into.setdefault(old_path, (page_id, None if page_id else new_url))

    def _paths(self, url):
        """The old path of ``url``, and the same path outside the blog's folder if it had one."""
        parts = urlsplit(url)
        paths = [parts.path]
        if self.base and (parts.path + "/").startswith(self.base + "/"):
            paths.append(parts.path[len(self.base) :] or "/")
        query = f"?{parts.query}" if parts.query else ""
        return [Redirect.normalise_path(path + query) for path in paths]

    def write(self):
        """Write every wanted redirect that does not exist yet; an existing one is left alone."""
        wanted = list({**self.elsewhere, **self.wanted}.items())
        for start in range(0, len(wanted), PER_BATCH):
            with transaction.atomic():
                self._write(dict(wanted[start : start + PER_BATCH]))

    def _write(self, wanted):
        existing = set(
            Redirect.objects.filter(old_path__in=list(wanted)).values_list("old_path", flat=True)
        )
        new = [
            Redirect(
                old_path=old_path,
                site=None,
                is_permanent=True,
                redirect_page_id=page_id,
                redirect_link=link or "",
            )
            for old_path, (page_id, link) in wanted.items()
            if old_path not in existing
        ]
        Redirect.objects.bulk_create(new)
        self.report.count("redirects", "created", len(new))
        self.report.count("redirects", "unchanged", len(existing))
