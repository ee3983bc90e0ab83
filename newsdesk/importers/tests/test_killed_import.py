"""A ``SIGKILL`` in the middle of an import, then a second run: the site is exactly what one
uninterrupted run makes."""

import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from . import wxr

pytestmark = [pytest.mark.heavy, pytest.mark.engine]

POSTS, COMMENTS_PER_POST = 200, 6
STARTS_WITHIN = 120

# Run in each site's own process: everything a reader or an editor would see, without ids.
DUMP = """
import json
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, Author, Category, FrontPagePick
from wagtail.search.models import IndexEntry

def blocks(body):
    # Wagtail gives each block a random id as it saves it.
    return json.dumps([{k: v for k, v in b.items() if k != "id"} for b in body.raw_data])

def when(value):
    return value.isoformat() if value else None

pages = sorted(
    (p.url_path, p.slug, p.title, p.live, when(p.first_published_at),
     when(p.last_published_at), p.depth, p.numchild)
    for p in Page.objects.all()
)
stories = sorted(
    (a.url_path, a.standfirst, blocks(a.body), a.category.slug,
     sorted(a.tags.values_list("slug", flat=True)),
     sorted(a.bylines.values_list("author__slug", flat=True)))
    for a in ArticlePage.objects.all()
)
comments = sorted(
    (c.article.url_path, c.name, c.body, c.status, when(c.created_at), c.depth,
     c.parent.body if c.parent else None)
    for c in Comment.objects.select_related("article", "parent")
)
redirects = sorted(
    (r.old_path, r.redirect_page.url_path if r.redirect_page else r.redirect_link)
    for r in Redirect.objects.select_related("redirect_page")
)
print(json.dumps({
    "pages": pages, "stories": stories, "comments": comments, "redirects": redirects,
    "authors": sorted(Author.objects.values_list("slug", "name")),
    "categories": sorted(Category.objects.values_list("slug", "name", "parent__slug")),
    "picks": list(FrontPagePick.objects.order_by("sort_order").values_list("article__url_path")),
    "indexed": IndexEntry.objects.count(),
}, default=str))
"""


def archive(tmp_path):
    """An export of threaded, tagged stories in two sections, a sticky one, and a page."""
    items = [
        wxr.post(
            n,
            title=f"Archive story {n}",
            content=f"<p>Story {n} begins.</p><h2>Then</h2><p>It goes on.</p>",
            is_sticky=int(n % 97 == 0),
            xml=f'<category domain="category" nicename="section-{n % 2}">Section {n % 2}</category>'
            f'<category domain="post_tag" nicename="topic-{n % 7}">Topic {n % 7}</category>'
            + "".join(
                wxr.comment(n * 100 + c, parent=n * 100 + c - 1 if c % 3 else 0)
                for c in range(1, COMMENTS_PER_POST + 1)
            ),
        )
        for n in range(1, POSTS + 1)
    ]
    items.append(wxr.post(POSTS + 1, title="About us", post_type="page", post_name="about"))
    return wxr.export(tmp_path, *items)


def items_done(site):
    """How far the import has committed, read straight from the site's database."""
    query = "SELECT max(items_done), count(*) FROM importers_importrun"
    if site.database:
        with site.database.connect() as connection:
            return connection.execute(query).fetchone()
    with sqlite3.connect(site.sqlite_path, timeout=10) as connection:
        return connection.execute(query).fetchone()


def start_and_kill_midway(site, export):
    """Start an import and SIGKILL it once it has committed a batch; returns what it committed."""
    importing = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "import_wordpress", str(export)],
        env=site.environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + STARTS_WITHIN
    try:
        while time.monotonic() < deadline and importing.poll() is None:
            done, _runs = items_done(site)
            if done:
                importing.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        importing.kill()
        importing.wait()
    assert importing.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    return items_done(site)[0]


def test_an_import_killed_midway_and_run_again_makes_the_same_site_as_one_run(
    throwaway_site, tmp_path
):
    export = archive(tmp_path)
    killed, whole = throwaway_site("killed"), throwaway_site("whole")
    # The two sites share nothing, so the uninterrupted import runs meanwhile, on
    # another CPU, and each site is read back at the same time.
    with ThreadPoolExecutor(max_workers=1) as meanwhile:
        importing_whole = meanwhile.submit(whole.newsdesk, "import_wordpress", export, check=True)
        committed = start_and_kill_midway(killed, export)
        assert 0 < committed < POSTS
        again = killed.newsdesk("import_wordpress", export, check=True).stdout
        assert f"stopped after {committed:,} of {POSTS + 1:,} items" in again
        importing_whole.result()

        reading_whole = meanwhile.submit(whole.shell, DUMP)
        interrupted, uninterrupted = killed.shell(DUMP), reading_whole.result()
    assert len(uninterrupted["stories"]) == POSTS
    assert len(uninterrupted["comments"]) == POSTS * COMMENTS_PER_POST
    assert interrupted == uninterrupted
