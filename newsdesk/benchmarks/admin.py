"""The admin at newsroom size: the work behind ``newsdesk admin_benchmark``.

Like the search and moderation benchmarks, it never touches the reader's
database: the command starts a second ``newsdesk`` process on a temporary data
folder, which builds generated papers in a scratch database
(``search.scratch_database``), logs in as an editor through Django's test
client and times every admin page an editor opens, at each size in turn.

``ADMIN_PAGES`` is the list of what is timed: a name and what the editor does,
given the ``Desk`` (the logged-in editor and the paper's stories).
"""

import statistics
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.forms import CheckboxInput
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BlockField
from wagtail.models import GroupPagePermission, Page, PageSubscription

from newsdesk.news.models import ArticlePage
from newsdesk.news.republishing import Republishing

from . import handover
from .search import engine, grow_to, scratch_database, story_count

SIZES = (2_000, 100_000)
RUNS = 5
TARGET_MS = 500
SCRATCH_FLAG = handover.SCRATCH_FLAG
EDITOR = "editor"
# What an editor may do with every page of the site, as the newsroom's Editors group does.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
SEARCHED = "harbour"


@dataclass(frozen=True)
class Timing:
    """How long one admin page took at one paper size, in milliseconds, over ``runs`` runs.

    ``cpu`` is the median processor time of the measuring process alone: on
    SQLite, which runs inside it, the page's whole cost, unaffected by whatever
    else the machine is busy with; on PostgreSQL, without the server's share.
    """

    size: int
    page: str
    runs: int
    median: float
    worst: float
    cpu: float

    @property
    def ok(self):
        return self.worst < TARGET_MS


class Desk:
    """An editor logged in to the admin of the paper being measured."""

    def __init__(self, client, editor, story):
        self.client = client
        self.editor = editor
        #: The story the editor opens, previews and publishes: the newest.
        self.story = story
        self.story_index = story.get_parent()

    def story_list(self, query=""):
        """The desk's story list (``newsdesk.desk``), filtered and sorted by ``query``."""
        return self.get("stories:index", query=query)

    @property
    def reporter_id(self):
        """A reporter on the story's bylines, to filter the story list by."""
        return self.story.bylines.exclude(author=None).values_list("author", flat=True)[0]

    @property
    def month_of_story(self):
        """The story list's date filter for the month the story went out in."""
        first = self.story.first_published_at.date().replace(day=1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        return f"?published_from={first:%Y-%m-%d}&published_to={last:%Y-%m-%d}"

    def get(self, url_name, *args, query=""):
        """GET an admin page by its URL name; it must answer 200."""
        return self.check(self.client.get(reverse(url_name, args=args) + query), 200)

    def post(self, url_name, *args, data, expect):
        """POST ``data`` to an admin page by its URL name; it must answer ``expect``."""
        return self.check(self.client.post(reverse(url_name, args=args), data), expect)

    @staticmethod
    def check(response, expect):
        if response.status_code != expect:
            raise RuntimeError(
                f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']} "
                f"answered {response.status_code}, not {expect}"
            )
        return response

    def edit_form(self):
        """What the editor's browser posts from the story's edit page, left as it is."""
        story = self.story.get_latest_revision_as_object()
        form_class = ArticlePage.get_edit_handler().get_form_class()
        form = form_class(
            instance=story,
            subscription=PageSubscription(page=story, user=self.editor),
            parent_page=self.story_index,
            for_user=self.editor,
        )
        return form_post_data(form)

    def preview(self):
        """The preview panel: the edit form posted to the preview, then the preview itself."""
        answer = self.post(
            "wagtailadmin_pages:preview_on_edit", self.story.pk, data=self.edit_form(), expect=200
        ).json()
        if not answer.get("is_valid"):
            raise RuntimeError(f"The preview refused the story's own form: {answer}")
        self.get("wagtailadmin_pages:preview_on_edit", self.story.pk)

    def publish(self):
        """Publish from the edit page: the form posted with the Publish action.

        The story is live, so the editor says what kind of change this is: a minor fix.
        """
        data = {
            **self.edit_form(),
            "republished_as": Republishing.MINOR_FIX,
            "action-publish": "action-publish",
        }
        self.post("wagtailadmin_pages:edit", self.story.pk, data=data, expect=302)


# Every admin page an editor uses, in the order the table lists them.
ADMIN_PAGES = (
    ("dashboard", lambda desk: desk.get("wagtailadmin_home")),
    ("stories (explorer)", lambda desk: desk.get("wagtailadmin_explore", desk.story_index.pk)),
    (
        "stories by title",
        lambda desk: desk.get("wagtailadmin_explore", desk.story_index.pk, query="?ordering=title"),
    ),
    (
        f"stories: search {SEARCHED}",
        lambda desk: desk.get("wagtailadmin_explore", desk.story_index.pk, query=f"?q={SEARCHED}"),
    ),
    (
        f"page search: {SEARCHED}",
        lambda desk: desk.get("wagtailadmin_pages:search", query=f"?q={SEARCHED}"),
    ),
    (
        f"page chooser: {SEARCHED}",
        lambda desk: desk.get("wagtailadmin_choose_page_search", query=f"?q={SEARCHED}"),
    ),
    ("story list", lambda desk: desk.story_list()),
    ("story list: oldest first", lambda desk: desk.story_list("?ordering=first_published_at")),
    ("story list: by headline", lambda desk: desk.story_list("?ordering=title")),
    ("story list: section", lambda desk: desk.story_list(f"?section={desk.story.category_id}")),
    ("story list: reporter", lambda desk: desk.story_list(f"?reporter={desk.reporter_id}")),
    *(
        (f"story list: {status}", lambda desk, status=status: desk.story_list(f"?status={status}"))
        for status in ("draft", "in_review", "scheduled", "live")
    ),
    ("story list: the story's month", lambda desk: desk.story_list(desk.month_of_story)),
    (f"story list: search {SEARCHED}", lambda desk: desk.story_list(f"?q={SEARCHED}")),
    ("edit story", lambda desk: desk.get("wagtailadmin_pages:edit", desk.story.pk)),
    ("preview (POST + GET)", Desk.preview),
    ("publish (POST)", Desk.publish),
)


def form_post_data(form):
    """The fields a browser posts for ``form`` as it stands, its inline panels included."""
    data = {}
    for field in form:
        data.update(_field_data(field))
    for formset in getattr(form, "formsets", {}).values():
        for field in formset.management_form:
            data.update(_field_data(field))
        for child in formset.forms:
            data.update(form_post_data(child))
    return data


def _field_data(field):
    widget, value = field.field.widget, field.value()
    if isinstance(field.field, BlockField):
        return _block_data(field.field.block, value, field.html_name)
    if isinstance(widget, CheckboxInput):
        return {field.html_name: "on"} if value else {}
    formatted = widget.format_value(value)
    return {} if formatted is None else {field.html_name: formatted}


def _block_data(block, value, prefix):
    """A StreamField value as its editor posts it (see each block's ``value_from_datadict``)."""
    if isinstance(block, StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(_block_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, (StreamBlock, ListBlock)):
        children = value if isinstance(block, StreamBlock) else value.bound_blocks
        data = {f"{prefix}-count": len(children)}
        for number, child in enumerate(children):
            item = f"{prefix}-{number}"
            data.update({f"{item}-deleted": "", f"{item}-order": number, f"{item}-id": child.id})
            if isinstance(block, StreamBlock):
                data[f"{item}-type"] = child.block_type
            data.update(_block_data(child.block, child.value, f"{item}-value"))
        return data
    return {prefix: block.get_form_state(value)}


def editor_desk():
    """A test client logged in as an editor, with the newest story open before them.

    The editor is in the Editors group with Wagtail's page permissions from the
    root down, not a superuser: the admin asks what they may do on every page.
    """
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=Permission.objects.get(codename=codename)
        )
    editor, _created = get_user_model().objects.get_or_create(
        username=EDITOR, defaults={"email": "editor@example.com"}
    )
    editor.groups.add(editors)
    client = Client()
    client.force_login(editor)
    story = ArticlePage.objects.published().first()
    return Desk(client, editor, story)


def measure(size, runs=RUNS, pages=ADMIN_PAGES, progress=None):
    """Time each of ``pages`` ``runs`` times after one untimed run; one ``Timing`` each."""
    desk = editor_desk()
    timings = []
    for name, visit in pages:
        visit(desk)
        samples, cpu = [], []
        for _run in range(runs):
            started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
            visit(desk)
            samples.append((time.perf_counter_ns() - started) / 1e6)
            cpu.append((time.process_time_ns() - cpu_started) / 1e6)
        median = statistics.median
        timings.append(Timing(size, name, runs, median(samples), max(samples), median(cpu)))
        if progress:
            progress(1)
    return timings


def run(sizes, runs, bar=None):
    """Build each size in turn in a scratch database and measure it; ``(engine, timings)``.

    ``bar(description, total=..., initial=...)``, such as ``tqdm``, shows the
    progress of each build and measurement.
    """
    bar = bar or _no_bar
    # The scratch site never ran collectstatic: admin pages name static files as they are.
    unhashed = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    timings = []
    with scratch_database(), override_settings(STORAGES=unhashed):
        for size in sorted(set(sizes)):
            with bar(f"Building {size:,}", total=size, initial=story_count()) as building:
                grow_to(size, progress=building.update)
            with bar("Measuring", total=len(ADMIN_PAGES), initial=0) as measuring:
                timings += measure(size, runs, progress=measuring.update)
        return engine(), timings


class _no_bar:
    """No progress shown."""

    def __init__(self, description, total, initial):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        return False

    def update(self, count):
        pass


def format_table(engine_name, timings):
    """The figures as a plain-text table, each beside the target."""
    lines = [
        f"Admin pages for an editor on {engine_name}",
        f"{'stories':>8}  {'page':<30} {'runs':>4} {'median ms':>10} {'worst ms':>9} "
        f"{'target':>7} {'':<6} {'cpu ms':>7}",
    ]
    lines += [
        f"{t.size:>8,}  {t.page:<30} {t.runs:>4} {t.median:>10.1f} {t.worst:>9.1f} "
        f"{'< ' + str(TARGET_MS):>7} {'ok' if t.ok else 'MISSED':<6} {t.cpu:>7.1f}"
        for t in timings
    ]
    return "\n".join(lines)


to_json = handover.to_json


def from_json(text):
    """``(engine, timings, error)`` from the scratch process's last line of output."""
    return handover.from_json(text, Timing)


def run_in_scratch(arguments, database_url=None):
    """Run ``newsdesk admin_benchmark`` with ``arguments`` in a throwaway data folder.

    The test client asks as ``testserver`` over plain HTTP, so the scratch
    process allows that host and does not redirect to HTTPS. Publishing primes
    the page cache for the site's own address, which it allows too, so that the
    publish is timed with the work it does on a real site.
    """
    return handover.run_in_scratch(
        "admin_benchmark",
        arguments,
        database_url,
        NEWSDESK_HTTPS="false",
        NEWSDESK_ALLOWED_HOSTS="testserver,127.0.0.1",
    )
