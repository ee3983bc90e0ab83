"""One run of the bench, inside the scratch process: build the paper, serve it, measure.

1. nginx serving the breaking story's bytes as a static file: the machine's limit.
2. Cached article hits: that story again and again, as an anonymous reader with
   no cookies, which is what a page cache answers.
3. Uncached article renders: every story in turn, each with a query number of
   its own (``?nocache=…``), so no page cache can answer, even on a second lap.
4. The front page, as an anonymous reader.
5. Comments from a crowd of readers, each from a fresh form, checked afterwards
   against the database.
6. Publish-to-visible: the time from publishing a story until the front page and
   the breaking story's "Latest developments" box show it.
10. First readers of a new photo: publish a story with a new 4000×3000 photo, then
   32 readers at once; their first responses against line 2, and the hero's weight
   on a phone (``first_readers.py``). Measured with lines 1-6, after them. Publishing
   keeps the story in the page cache (``caching/priming.py``) for the address the
   bench serves the paper at, so the first readers are answered from it.
11. Live coverage: a live story open in ``--live-readers`` pages checking its
   update check every 15 s while a reporter posts every 5 s (``live.py``); then
   the check at full speed against nginx serving the same bytes.

Lines 7-9 measure nginx, a bare WSGI callable and cached hits per core
(``percore.py``). Lines 1-4 and 7-9 keep the best of ``passes`` passes, each
after a short warm-up. Each regime is named in the report above its lines.
"""

import functools
import os
import sys
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse
from tqdm import tqdm

from newsdesk.benchmarks.search import engine, percentile
from newsdesk.core.management.commands.serve import collect_static_files, cpu_count
from newsdesk.testing.sites import free_port, request

from . import crowd, first_readers, freshness, live, nginx, paper, percore, report
from .load import UNCACHED_QUERY, Target, load_generator
from .scratch import BenchFailed
from .server import autogroup_enabled, serving, wait_until_idle

WARM_UP_SECONDS = 1
NGINX_LABEL = "nginx static file (the limit)"


@contextmanager
def scratch_database(keep):
    """The throwaway database, migrated; yields the URL the server must use, if not its own.

    SQLite lives in the throwaway data folder. On PostgreSQL, a ``test_<name>``
    database is created beside the one ``--database-url`` names, and dropped at
    the end unless ``keep``.
    """
    if connection.vendor == "sqlite":
        call_command("migrate", interactive=False, verbosity=0)
        yield None
        return
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    url = urlsplit(os.environ["DATABASE_URL"])
    try:
        yield url._replace(path=f"/{connection.settings_dict['NAME']}").geturl()
    finally:
        if not keep:
            connection.creation.destroy_test_db(original_name, verbosity=0)


def build_paper(articles):
    """Write the stories and discussions, with a progress bar; returns the comments written."""
    bars = {"file": sys.stderr, "disable": not sys.stderr.isatty()}
    with tqdm(total=articles, desc="Writing stories", unit=" stories", **bars) as bar:
        paper.write_stories(articles, progress=bar.update)
    discussed = paper.discussed_story_ids()
    with tqdm(total=len(discussed), desc="Adding discussions", unit=" stories", **bars) as bar:
        return paper.add_discussions(discussed, progress=bar.update)


def check_answers(target):
    """Fail with a plain sentence unless ``target`` answers its first page with 200."""
    path = target.paths[0] + (f"?{UNCACHED_QUERY}=check" if target.uncached else "")
    status, _headers, _body = request(target.port, "GET", path)
    if status != 200:
        raise BenchFailed(f"http://127.0.0.1:{target.port}{path} answered {status}, not 200.")


def best_of(load, target, settle, options, connections):
    """The pass with the most requests a second, of ``options.passes`` after a warm-up.

    ``settle()`` is called before each pass, to let the server finish the last one's work.
    """
    check_answers(target)
    # Few connections: every request a warm-up leaves unanswered is work the pass pays for.
    load.measure(target, WARM_UP_SECONDS, min(connections, options.render_connections))
    passes = []
    for _pass in range(options.passes):
        settle()
        passes.append(load.measure(target, options.duration, connections))
    settle()
    return max(passes, key=lambda measurement: measurement.rate)


def say_figures(say, number, label, measurement, options, verdict=None):
    """Say a line of figures, and why it has no latency if nothing was answered."""
    say(report.figures_line(number, label, measurement, verdict))
    if not measurement.requests:
        say(report.note(f"nothing answered within a {options.duration} s pass"))


def measure_static(load, options, folder, path, page, settle, say):
    """Line 1: nginx serving ``page`` at ``path``; ``None`` when there is no nginx."""
    program = nginx.find_nginx(options.nginx)
    if program is None:
        say(report.skipped_line(1, NGINX_LABEL, nginx.missing_message(options.nginx)))
        return None
    port = free_port()
    with nginx.serving_copy(program, folder / "nginx", port, path, page, options.workers):
        static = best_of(load, Target.same_page(port, path), settle, options, options.connections)
    say_figures(say, 1, NGINX_LABEL, static, options)
    return static


def measure_comments(port, path, options, say):
    """Line 5: the crowd's comments, and whether every acknowledged one was stored once."""
    posting = crowd.post_comments(port, path, options.commenters, options.duration)
    audit = crowd.audit(posting, paper.stored_comment_ids(crowd.EMAIL_DOMAIN))
    posted = posting.measurement()
    label = f"comment posts ({options.commenters} clients)"
    say(report.figures_line(5, label, posted, report.comments_verdict(posted, audit)))
    lost = "none lost" if audit.none_lost else f"{audit.lost} lost, {audit.doubled} stored twice"
    say(
        report.note(
            f"{audit.acknowledged:,} acknowledged, {audit.stored:,} stored: {lost}; "
            "p50/p99 are the posts' answers"
        )
    )
    if posting.refusals:
        say(report.note(f"refused {posting.refused:,}, for example: {posting.refusals[0]}"))


def measure_freshness(port, paths, options, say):
    """Line 6: publish a story, then wait until the front page and a story show it."""
    visible = freshness.publish_to_visible(
        port, paths, options.publish_trials, paper.draft_bulletin, paper.bulletin_headline
    )
    label = f"publish to visible ({options.publish_trials} trials)"
    say(report.figures_line(6, label, visible, report.freshness_verdict(visible), with_rate=False))
    if visible.errors:
        say(report.note(f"{visible.errors} not visible after {freshness.GIVE_UP_SECONDS} s"))


def measure_first_readers(port, cached, say):
    """Line 10: the first readers of a story published with a new photo, beside line 2."""
    seen = first_readers.first_readers(port)
    label = f"first readers of a new photo ({first_readers.READERS})"
    verdict = report.first_readers_verdict(seen.readers, cached)
    say(report.figures_line(10, label, seen.readers, verdict, with_rate=False))
    say(
        report.note(
            f"publishing it took {seen.publish_seconds:.2f} s (its pictures made, "
            "the story and the front page kept); "
            f"an upload's background work {seen.upload_seconds:.2f} s"
        )
    )
    say(
        report.note(
            f"{seen.hits} of {seen.readers.requests} answered from the page cache; the same "
            f"crowd again: p50 {seen.again.p50_ms:.2f} ms, p99 {seen.again.p99_ms:.2f} ms"
        )
    )
    phone = f"{first_readers.PHONE_WIDTH} px phone at {first_readers.PHONE_DENSITY}x"
    verdict = report.phone_hero_verdict(seen.hero_bytes)
    say(
        report.note(
            f"hero on a {phone}: {seen.hero_bytes / 1024:.1f} KB "
            f"({seen.hero_url.rsplit('/', 1)[-1]})  {verdict}"
        )
    )


def run(options, folder, say):
    """Build the throwaway paper, serve it, and ``say`` each line of the report."""
    with scratch_database(options.keep) as database_url:
        comments = build_paper(options.articles)
        paths = paper.story_paths()
        breaking = paths[0]
        environment = dict(os.environ)
        if database_url:
            environment["DATABASE_URL"] = database_url
        load = load_generator(options.wrk, folder / "wrk", cpu_count())
        port = free_port()
        # The paper's address is where the bench serves it: publishing keeps pages for it.
        address = environment["NEWSDESK_BASE_URL"] = f"http://127.0.0.1:{port}"
        say(
            f"{len(paths):,} stories and {comments:,} comments on {engine()}; "
            f"load average {os.getloadavg()[0]:.1f} before starting"
        )
        say(
            f"{options.connections} connections ({options.render_connections} for uncached "
            f"renders), {options.duration:g} s a pass, best of {options.passes}"
        )
        say(shared_regime(load, options))
        # Collected here rather than by the server (which then finds them collected), so
        # that the pages this process keeps when it publishes name the hashed files.
        collect_static_files(verbosity=0)
        with (
            override_settings(WAGTAILADMIN_BASE_URL=address),
            serving(environment, port, options.workers, folder / "serve.log", breaking) as server,
        ):
            settle = functools.partial(wait_until_idle, server.pid)
            hit = measure_site(load, port, paths, options, folder, settle, say)
        percore.measure_per_core(options, folder, environment, hit, say)
        if options.keep:
            database = f"DATABASE_URL={database_url} " if database_url else ""
            say(
                f"Serve the kept site with: {database}NEWSDESK_DATA_DIR={folder / 'data'} "
                "NEWSDESK_HTTPS=0 newsdesk serve --port <a free port>"
            )


def shared_regime(load, options):
    """The sentence naming the regime of lines 1-6, printed above them."""
    sessions = (
        " (this kernel shares CPU time between sessions first)" if autogroup_enabled() else ""
    )
    return (
        f"Lines 1-6: newsdesk serve with {options.workers} worker(s) and nginx with "
        f"{options.workers} worker process(es), each in a session of its own{sessions}, "
        f"share all {cpu_count()} CPUs with the load from {load.describe()}"
    )


def measure_site(load, port, paths, options, folder, settle, say):
    """The six lines against the server on ``port``; ``settle()`` waits until it is idle.

    Returns the breaking story's hit as the load gets it: ``(path, status, headers, body)``.
    """
    breaking = paths[0]
    status, headers, page = request(port, "GET", breaking)
    say(f"Breaking story {breaking}: {len(page) / 1024:.1f} KB as an anonymous reader gets it")
    say(report.HEADER)
    static = measure_static(load, options, folder, breaking, page, settle, say)

    same_story = Target.same_page(port, breaking)
    cached = best_of(load, same_story, settle, options, options.connections)
    verdict = report.cached_verdict(cached, static)
    say_figures(say, 2, "cached article hits", cached, options, verdict)

    every_story = Target.every_page(port, paths)
    uncached = best_of(load, every_story, settle, options, options.render_connections)
    verdict = report.uncached_verdict(uncached)
    say_figures(say, 3, "uncached article renders", uncached, options, verdict)

    front = best_of(load, Target.same_page(port, "/"), settle, options, options.connections)
    say_figures(say, 4, "front page", front, options)

    measure_comments(port, breaking, options, say)
    measure_freshness(port, ["/", breaking], options, say)
    measure_first_readers(port, cached, say)
    say(report.ratio_line(cached, static))
    measure_live(load, port, options, folder, settle, say)
    return breaking, status, headers.items(), page


def full_speed(load, target, options):
    """One pass of ``target`` after a warm-up, as many requests as the connections get answered."""
    load.measure(target, WARM_UP_SECONDS, min(options.connections, options.render_connections))
    return load.measure(target, options.duration, options.connections)


def static_full_speed(load, options, folder, path, body):
    """nginx serving ``body`` at ``path`` at full speed; ``None`` when there is no nginx."""
    program = nginx.find_nginx(options.nginx)
    if program is None:
        return None
    port = free_port()
    with nginx.serving_copy(program, folder / "nginx-live", port, path, body, options.workers):
        return full_speed(load, Target.same_page(port, path), options)


def measure_live(load, port, options, folder, settle, say):
    """Line 11: readers' pages following a live story while a reporter posts, then the
    update check at full speed beside nginx serving the same bytes."""
    interval = settings.NEWSDESK_LIVE_CHECK_SECONDS
    story = live.live_story()
    path = reverse("live:updates", args=[story.pk])
    check_answers(Target.same_page(port, path))
    followed = live.follow(
        port,
        path,
        live.poster(story),
        readers=options.live_readers,
        seconds=options.live_seconds,
        interval=interval,
        every=live.POST_EVERY_SECONDS,
    )
    settle()
    _status, _headers, body = request(port, "GET", path)
    checks = full_speed(load, Target.same_page(port, path), options)
    settle()
    static = static_full_speed(load, options, folder, path, body)
    seen = followed.seen_by_everyone()
    label = f"live coverage ({options.live_readers:,} readers)"
    verdict = report.live_seen_verdict(seen, interval)
    say(report.figures_line(11, label, followed.measurement(), verdict))
    say(
        report.note(
            f"each page checks every {interval:g} s at a moment of its own; "
            f"{followed.hit_share():.1%} answered from the page cache; "
            f"p99 sent {followed.p99_late() * 1000:.0f} ms after its moment"
        )
    )
    say(report.note(live_seen_line(followed, seen)))
    say(report.note(live_rate_line(checks, static, len(body), options)))


def live_seen_line(followed, seen):
    """How long after each post every reader's page held it."""
    if not seen:
        return (
            f"no update posted: a {followed.seconds:g} s run leaves no time for readers "
            "to see one (--live-seconds)"
        )
    missed = seen.count(None)
    times = sorted(s for s in seen if s is not None)
    held = f"p50 {percentile(times, 0.5):.1f} s, max {times[-1]:.1f} s" if times else "never"
    every = live.POST_EVERY_SECONDS
    line = f"{len(seen)} updates posted every {every} s: every page had each {held}"
    return line + (f"; {missed} not seen by every page before the end" if missed else "")


def live_rate_line(checks, static, size, options):
    """The update check at full speed, beside nginx serving its bytes."""
    line = f"checks at full speed: {checks.rate:,.0f}/s (p99 {checks.p99_ms:.2f} ms)"
    if static is None:
        return f"{line}; nginx not measured: {nginx.missing_message(options.nginx)}"
    verdict = report.live_rate_verdict(checks, static)
    share = checks.rate / static.rate if static.rate else 0.0
    return (
        f"{line}; nginx serving the same {size / 1024:.1f} KB: {static.rate:,.0f}/s; "
        f"{share:.2f} of it  {verdict}"
    )
