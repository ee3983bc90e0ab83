"""Every place Newsdesk leans on a private part of Django, Wagtail, modelsearch or treebeard.

Each reliance is one small, named piece here: a function, or a mixin that turns a
private upstream method into a public one a subclass overrides. The apps use these
pieces and never touch a private upstream name themselves.

``PINS`` records what each piece was written against: the package's version and a
fingerprint of every upstream function it overrides, calls or depends on.
``core/tests/test_upstream.py`` fails, saying what to re-check, as soon as an upgrade
changes one of them, and also if an app overrides or patches a private upstream
name outside this module. Sources are read from the installed files rather than
imported: modelsearch's SQLite module cannot even be imported on PostgreSQL.
"""

import ast
import hashlib
import importlib.util
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from treebeard.exceptions import PathOverflow

THIS_MODULE = "newsdesk/core/upstream.py"


# Wagtail's publishing


def make_publishing_atomic():
    """Make Wagtail's publish and unpublish actions all or nothing.

    Wagtail saves the page (committing it), then runs the ``page_published``
    receivers (our search re-index) and writes the audit log, each on its own. A
    failure between them would leave a story half published: live, but
    unsearchable and unrecorded. Wagtail builds these actions itself wherever it
    publishes (admin, scheduler, API), so their ``execute`` is wrapped in place.
    """
    from wagtail.actions.publish_revision import PublishRevisionAction
    from wagtail.actions.unpublish import UnpublishAction
    from wagtail.actions.unpublish_page import UnpublishPageAction

    for action in (PublishRevisionAction, UnpublishAction, UnpublishPageAction):
        action.execute = transaction.atomic(action.execute)


# Search ranking (modelsearch, which Wagtail's database search backends are)


class RankExpression:
    """Mixin for modelsearch's PostgreSQL query compiler: ``rank`` shapes the ordering.

    modelsearch builds the expression results are ordered by in its private
    ``_build_rank_expression``; a subclass overrides ``rank(relevance, config)``
    instead, getting modelsearch's own expression to adjust.
    """

    def rank(self, relevance, config):
        """The expression results are ordered by; modelsearch's ``relevance`` as it is here."""
        return relevance

    def _build_rank_expression(self, vectors, config):
        return self.rank(super()._build_rank_expression(vectors, config), config)


class AnswersSearchFirst:
    """Mixin for modelsearch's search results: a subclass may answer before the backend does.

    ``answer_results()`` returns the window of matching objects and
    ``answer_count()`` how many there are, or None to let the backend answer
    through its private ``_do_search`` and ``_do_count``, which modelsearch
    calls once per results object and caches.
    """

    def answer_results(self):
        """The objects in this window, best first; None leaves it to the backend."""
        return None

    def answer_count(self):
        """How many objects this window holds; None leaves it to the backend."""
        return None

    def _do_search(self):
        found = self.answer_results()
        return super()._do_search() if found is None else found

    def _do_count(self):
        counted = self.answer_count()
        return super()._do_count() if counted is None else counted


# Sitemaps


class PageSitemapEntries:
    """Mixin for Wagtail's page ``Sitemap``: ``entries`` makes each page's ``<url>`` entries.

    Wagtail builds a sitemap page in its private ``_urls`` from each page's
    ``get_sitemap_urls`` and loses which page an entry came from; ``entries``
    is given the page, so a subclass can date or move an entry by what it lists.
    """

    def entries(self, page, protocol, domain):
        """The ``<url>`` entries of one Wagtail page, as Wagtail would give them."""
        return page.get_sitemap_urls(self.request)

    def _urls(self, page_number, protocol, domain):
        urls = [
            entry
            for page in self.paginator.page(page_number).object_list.iterator()
            for entry in self.entries(page, protocol, domain)
        ]
        # Django's sitemap view sends this as Last-Modified, unless an entry has no date.
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


# Date archives


class CalendarEndIs404:
    """Mixin for Django's ``DayArchiveView``: the calendar's last day answers 404.

    Django's month and year views answer 404 past the end of the calendar; its
    day view overflows on 9999-12-31 while computing the next day, in its
    private ``_make_single_date_lookup``.
    """

    def _make_single_date_lookup(self, date):
        try:
            return super()._make_single_date_lookup(date)
        except OverflowError as error:
            raise Http404(_("Date out of range")) from error


# treebeard's page tree


def child_path(parent, position):
    """The tree path of ``parent``'s child at ``position`` (1 for a first child).

    Raises treebeard's ``PathOverflow`` past the last position a path step can spell.
    """
    path = parent._get_path(parent.path, parent.depth + 1, position)
    if len(path) != (parent.depth + 1) * parent.steplen:
        raise PathOverflow(f"“{parent}” has no room for a child at position {position}")
    return path


def position_of(page):
    """Where ``page`` stands among its siblings: 1 for a first child."""
    return page._get_lastpos_in_path()


def remember_parent(page, parent):
    """Tell ``page`` its parent, so that treebeard's ``get_parent()`` need not fetch it."""
    page._cached_parent_obj = parent


# What each piece was written against


@dataclass
class Pin:
    """One piece of Newsdesk and the upstream code it was written against."""

    piece: str
    package: str
    version: str
    #: "module:Class.function" (or a module alone, for a whole file) -> its source's fingerprint.
    upstream: dict
    #: The private upstream names the piece uses, each found only in ``where``.
    names: tuple
    recheck: str
    where: str = THIS_MODULE

    def drift(self):
        """What changed upstream since the piece was written, in words; empty if nothing did."""
        changes = []
        installed = installed_version(self.package)
        if installed != self.version:
            changes.append(f"{self.package} is now {installed}")
        for target, expected in self.upstream.items():
            found = fingerprint(target)
            if found != expected:
                changes.append(f"{target} changed (fingerprint {found}, was {expected})")
        return changes

    def report(self, changes):
        """The message for a failed check: what changed, what to re-check, what to record."""
        return (
            f"{self.piece} ({self.where}) was written against {self.package} {self.version}, "
            f"but {'; '.join(changes)}. Re-check: {self.recheck} "
            "Then record the new version and fingerprints in newsdesk.core.upstream.PINS."
        )


def installed_version(package):
    """The installed version of the distribution ``package``."""
    return version(package)


def source_file(module):
    """The file ``module`` would be imported from, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        raise LookupError(f"no module {module}")
    return Path(spec.origin)


def upstream_source(target):
    """The source of ``target`` ("module:Class.function", or a module), decorators included."""
    module, _sep, qualname = target.partition(":")
    text = source_file(module).read_text(encoding="utf-8")
    if not qualname:
        return text
    scope = ast.parse(text)
    for name in qualname.split("."):
        scope = next(
            node
            for node in scope.body
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name == name
        )
    first = min([scope.lineno, *(d.lineno for d in scope.decorator_list)])
    return "\n".join(text.splitlines()[first - 1 : scope.end_lineno])


def fingerprint(target):
    """A short digest of ``target``'s source, or "missing" if it is no longer there."""
    try:
        source = upstream_source(target)
    except (ImportError, LookupError, OSError, StopIteration):
        return "missing"
    return hashlib.sha256(source.encode()).hexdigest()[:12]


PINS = [
    Pin(
        piece="make_publishing_atomic",
        package="wagtail",
        version="8.0.1",
        upstream={
            "wagtail.actions.publish_revision:PublishRevisionAction.execute": "0d1f8c2c8263",
            "wagtail.actions.publish_revision:"
            "PublishRevisionAction._publish_revision": "4507e6866409",
            "wagtail.actions.publish_revision:PublishRevisionAction._after_publish": "cbb4cc9816ba",
            "wagtail.actions.unpublish:UnpublishAction.execute": "4147eb26ea07",
            "wagtail.actions.unpublish:UnpublishAction._unpublish_object": "782d6e7de08b",
            "wagtail.actions.unpublish_page:UnpublishPageAction.execute": "dc7ddbf344eb",
            "wagtail.actions.unpublish_page:UnpublishPageAction._after_unpublish": "a043ef0aae0e",
        },
        names=(),
        recheck=(
            "do these actions still save, send page_published/page_unpublished and write the "
            "audit log from execute(), with no transaction of their own? "
            "news/tests/test_atomic_publishing.py proves the result."
        ),
    ),
    Pin(
        piece="RankExpression",
        package="modelsearch",
        version="1.3.2",
        upstream={
            "modelsearch.backends.database.postgres.postgres:"
            "PostgresSearchQueryCompiler._build_rank_expression": "55e7d37e2a68",
            "modelsearch.backends.database.postgres.postgres:"
            "PostgresSearchQueryCompiler.search": "21c97cb3c76b",
        },
        names=("_build_rank_expression",),
        recheck=(
            "is _build_rank_expression(vectors, config) still the one expression search() "
            "orders by? search/tests/test_finding.py shows headline matches still come first."
        ),
    ),
    Pin(
        piece="AnswersSearchFirst",
        package="modelsearch",
        version="1.3.2",
        upstream={
            "modelsearch.backends.base:BaseSearchResults.results": "13d2dc5736d7",
            "modelsearch.backends.base:BaseSearchResults.count": "1e11b68abfb3",
            "modelsearch.backends.base:BaseSearchResults._set_limits": "154bfe210a7f",
            "modelsearch.backends.database.sqlite.sqlite:"
            "SQLiteSearchResults._do_search": "9600f02fb25f",
            "modelsearch.backends.database.sqlite.sqlite:"
            "SQLiteSearchResults._do_count": "6ad1f9cbe6c1",
            # The order of the FTS5 table's columns, which search/backends/sqlite.py weighs.
            "wagtail.search.migrations.0006_customise_indexentry": "072b86ec4468",
        },
        names=("_do_search", "_do_count"),
        recheck=(
            "are _do_search() and _do_count() still called once, for the window start:stop, "
            "and is the FTS5 table still (autocomplete, body, title)?"
        ),
    ),
    Pin(
        piece="PageSitemapEntries",
        package="wagtail",
        version="8.0.1",
        upstream={
            "wagtail.contrib.sitemaps.sitemap_generator:Sitemap._urls": "9b96a5777d95",
            "django.contrib.sitemaps:Sitemap.get_urls": "df69e38b2ac7",
            "django.contrib.sitemaps.views:sitemap": "6c1e26fd036e",
        },
        names=("_urls",),
        recheck=(
            "does Django still call _urls(page, protocol, domain) from get_urls() and send "
            "latest_lastmod as Last-Modified, and does Wagtail's _urls do nothing more than "
            "PageSitemapEntries._urls?"
        ),
    ),
    Pin(
        piece="CalendarEndIs404",
        package="django",
        version="5.2.19",
        upstream={
            "django.views.generic.dates:DateMixin._make_single_date_lookup": "334358beb407",
            "django.views.generic.dates:BaseDayArchiveView._get_dated_items": "79e1f6a5eda6",
        },
        names=("_make_single_date_lookup",),
        recheck="does /9999/12/31/ still overflow inside _make_single_date_lookup?",
    ),
    Pin(
        piece="child_path, position_of and remember_parent",
        package="django-treebeard",
        version="5.3.1",
        upstream={
            "treebeard.mp_tree:MP_Node._get_path": "d732d32dab55",
            "treebeard.mp_tree:MP_Node._get_basepath": "ff676ff73021",
            "treebeard.mp_tree:MP_Node._get_lastpos_in_path": "7ff1abd7a7d9",
            "treebeard.mp_tree:MP_Node._inc_path": "bfd48c355527",
            "treebeard.mp_tree:MP_Node.get_parent": "4130748be8c1",
            "treebeard.mp_tree:MP_AddChildHandler.process": "9eec0c47f4ce",
        },
        names=("_get_path", "_get_lastpos_in_path", "_cached_parent_obj"),
        recheck=(
            "does add_child still put a new child at the last child's position + 1, lock the "
            "parent and add 1 to its numchild (as core.tree.NewChildren does in bulk), and "
            "does get_parent() still return _cached_parent_obj when set?"
        ),
    ),
    Pin(
        piece="the browser tests' database snapshot",
        package="django",
        version="5.2.19",
        upstream={
            "django.db.backends.base.creation:BaseDatabaseCreation.create_test_db": "810847949fc5",
            "django.db.backends.base.creation:"
            "BaseDatabaseCreation.serialize_db_to_string": "aaed265f2576",
            "django.test.testcases:TransactionTestCase._fixture_setup": "37a9bba0dc08",
        },
        names=("_test_serialized_contents",),
        recheck=(
            "does serialized_rollback still restore from connection._test_serialized_contents, "
            "set once when the test database is created?"
        ),
        where="newsdesk/conftest_browser.py",
    ),
]
