"""``import_wordpress_benchmark``: a large generated export, imported as a user would.

The export is written to a temporary folder, then ``newsdesk migrate`` and
``newsdesk import_wordpress`` run as separate processes on a fresh SQLite data
folder there, so the figures are the command's own: wall time from start to
commit, and the importing process's peak resident memory as the kernel counted
it. The words are invented here.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "harbour ferry council tide market bridge river quay lantern school budget road "
    "library festival weather rain storm station train bus mayor vote plan housing "
    "park garden museum theatre concert match league goal coach season fishing boat "
    "lighthouse beach cliff path village town square shop cafe bakery night morning"
).split()
CATEGORIES = 20
TAGS = 200
AUTHORS = 20
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Benchmark Bugle</title><link>https://bugle.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bugle.example</wp:base_site_url>
"""


@dataclass
class Figures:
    posts: int
    comments: int
    file_bytes: int
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    output: str


def _sentence(rng, words=12):
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def _channel(file):
    for number in range(AUTHORS):
        file.write(
            f"<wp:author><wp:author_login>reporter{number}</wp:author_login>"
            f"<wp:author_display_name>Reporter {number}</wp:author_display_name></wp:author>"
        )
    for number in range(CATEGORIES):
        parent = f"section-{number % 5}" if number >= 5 else ""
        file.write(
            f"<wp:category><wp:term_id>{number + 2}</wp:term_id><wp:category_nicename>"
            f"section-{number}</wp:category_nicename><wp:category_parent>{parent}"
            f"</wp:category_parent><wp:cat_name>Section {number}</wp:cat_name></wp:category>"
        )
    for number in range(TAGS):
        file.write(
            f"<wp:tag><wp:term_id>{number + 100}</wp:term_id><wp:tag_slug>topic-{number}"
            f"</wp:tag_slug><wp:tag_name>Topic {number}</wp:tag_name></wp:tag>"
        )


def _content(rng, number):
    paragraphs = [
        f"<!-- wp:paragraph -->\n<p>{_sentence(rng, 30)} {_sentence(rng, 20)}</p>\n"
        "<!-- /wp:paragraph -->"
        for _n in range(5)
    ]
    paragraphs.insert(2, f"<!-- wp:heading -->\n<h2>{_sentence(rng, 4)}</h2>\n<!-- /wp:heading -->")
    if number > 1:
        link = f'<a href="https://bugle.example/?p={number - 1}">the earlier story</a>'
        paragraphs.append(f"<!-- wp:paragraph -->\n<p>See {link}.</p>\n<!-- /wp:paragraph -->")
    return "\n\n".join(paragraphs)


def _comments(rng, first, count):
    parts = []
    for offset in range(count):
        wp_id = first + offset
        parent = first + rng.randrange(offset) if offset >= 3 else 0
        parts.append(
            f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id><wp:comment_author>Reader "
            f"{wp_id % 977}</wp:comment_author><wp:comment_author_email>reader{wp_id % 977}"
            f"@readers.example</wp:comment_author_email><wp:comment_author_IP>198.51.100."
            f"{wp_id % 250}</wp:comment_author_IP><wp:comment_date_gmt>2024-03-01 12:00:00"
            f"</wp:comment_date_gmt><wp:comment_content>{escape(_sentence(rng, 25))}"
            f"</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
        )
    return "".join(parts)


def write_export(path, posts, comments):
    """Write a WXR export of ``posts`` posts sharing ``comments`` comments, some threaded."""
    rng = random.Random(posts)  # noqa: S311 - sample text, not secrets
    per_post, extra = divmod(comments, posts)
    next_comment = 1
    with open(path, "w", encoding="utf-8") as file:
        file.write(HEAD)
        _channel(file)
        for number in range(1, posts + 1):
            status = "draft" if number % 50 == 0 else "publish"
            tags = "".join(
                f'<category domain="post_tag" nicename="topic-{t}">Topic {t}</category>'
                for t in rng.sample(range(TAGS), 3)
            )
            count = per_post + (1 if number <= extra else 0)
            file.write(
                f"<item><title>{escape(_sentence(rng, 7))}</title>"
                f"<link>https://bugle.example/2024/03/story-{number}/</link>"
                f"<dc:creator>reporter{number % AUTHORS}</dc:creator>"
                f"<guid>https://bugle.example/?p={number}</guid>"
                f"<content:encoded>{escape(_content(rng, number))}</content:encoded>"
                f"<excerpt:encoded>{escape(_sentence(rng, 18))}</excerpt:encoded>"
                f"<wp:post_id>{number}</wp:post_id>"
                f"<wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>"
                f"<wp:post_name>story-{number}</wp:post_name><wp:status>{status}</wp:status>"
                f"<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="section-{number % CATEGORIES}">'
                f"Section</category>{tags}"
                f"{_comments(rng, next_comment, count)}</item>\n"
            )
            next_comment += count
        file.write("</channel></rss>\n")


def _newsdesk(arguments, data_dir):
    """Start ``newsdesk`` on a data folder of its own, SQLite, production settings."""
    environment = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
    }
    environment.pop("DATABASE_URL", None)
    return subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "newsdesk", *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )


def run(posts, comments, on_stage=None):
    """Generate, migrate a fresh database, import, and return the ``Figures``."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-wp-benchmark-") as folder:
        export = Path(folder, "export.xml")
        if on_stage:
            on_stage(f"Writing an export of {posts:,} posts and {comments:,} comments")
        write_export(export, posts, comments)
        if on_stage:
            on_stage("Creating an empty site")
        migrate = _newsdesk(["migrate", "-v", "0"], Path(folder, "data"))
        migrate.communicate()
        if migrate.returncode:
            raise RuntimeError(f"newsdesk migrate failed (exit status {migrate.returncode})")
        if on_stage:
            on_stage("Importing")
        started = time.monotonic()
        importing = _newsdesk(["import_wordpress", str(export)], Path(folder, "data"))
        output = importing.stdout.read()
        _pid, status, usage = os.wait4(importing.pid, 0)
        seconds = time.monotonic() - started
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError(f"newsdesk import_wordpress failed: {output.strip()[-500:]}")
        # ru_maxrss is in kilobytes on Linux.
        cpu = usage.ru_utime + usage.ru_stime
        return Figures(posts, comments, export.stat().st_size, seconds, cpu,
                       usage.ru_maxrss * 1024, output)  # fmt: skip
