"""Old WordPress addresses answered with permanent redirects, through Wagtail's redirects.

A post is known by its permalink, by ``/?p=ID`` (``/?page_id=ID`` for a page) and
often by its GUID; a category by ``/category/parent/child/`` and ``/?cat=ID``; a
tag by ``/tag/slug/`` and ``/?tag=slug``. The query-string forms are paths of the
front page, which answers 200, so Wagtail's redirect middleware (which looks only
at 404s) never sees them: ``wagtail_hooks.py`` answers those from the same records.
"""

from urllib.parse import urlsplit

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

# Redirects written per transaction, so that no write holds the database for long.
PER_BATCH = 2000


def _path(url):
    """The path and query of ``url``, as Wagtail's redirects store them."""
    parts = urlsplit(url)
    return Redirect.normalise_path(parts.path + (f"?{parts.query}" if parts.query else ""))


class Redirects:
    """Collects old addresses and writes the missing redirects in bulk."""

    def __init__(self, survey, report):
        self.report = report
        self.base = urlsplit(survey.site.base_url).path.rstrip("/")
        self.host = urlsplit(survey.site.base_url).netloc
        self.wanted = {}  # old path -> (page id or None, link or None)

    def post(self, summary, page_id, new_url):
        """The permalink, GUID and ``?p=`` forms of one post or page."""
        key = "page_id" if summary.type == "page" else "p"
        urls = [summary.link, f"{self.base}/?{key}={summary.wp_id}"]
        if urlsplit(summary.guid).netloc in {"", self.host}:
            urls.append(summary.guid)
        self._want(urls, new_url, page_id=page_id)

    def category(self, term, chain, category):
        """``/category/<parents>/<slug>/`` and ``?cat=ID`` to the category's page."""
        urls = [f"{self.base}/category/{'/'.join(chain)}/"]
        if term.term_id:
            urls.append(f"{self.base}/?cat={term.term_id}")
        self._want(urls, category.get_absolute_url())

    def tag(self, term, tag_url):
        """``/tag/slug/`` and ``?tag=slug`` to the tag's page."""
        self._want([f"{self.base}/tag/{term.slug}/", f"{self.base}/?tag={term.slug}"], tag_url)

    def _want(self, urls, new_url, page_id=None):
        new_path = _path(new_url)
        for url in urls:
            if not url or (urlsplit(url).netloc not in {"", self.host}):
                continue
            old_path = _path(url)
            if old_path not in {"/", new_path}:
                self.wanted.setdefault(old_path, (page_id, None if page_id else new_url))

    def write(self):
        """Write every wanted redirect that does not exist yet; an existing one is left alone."""
        wanted = list(self.wanted.items())
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
