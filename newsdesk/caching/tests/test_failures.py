"""Whatever breaks behind the page cache, the next reader gets the page or Django's own 500 page.

Each test breaks one thing between two readers, the way it breaks in
production (a database that drops its connections, a template with an error,
Redis going away) and checks what the next reader gets and what the log says.
"""

import subprocess
import time

import pytest
import redis
from django.db import DEFAULT_DB_ALIAS, connections
from django.template import Context, Template

from newsdesk.caching.store import page_cache
from newsdesk.news import developments
from newsdesk.news.tests.builders import make_article
from newsdesk.testing.sites import free_port

from .conftest import serving
from .test_freshness import warmed

BOX = ".latest-developments"


def box(answer):
    return answer.page.select_one(BOX).text


def logged(caplog, logger_name):
    return [record for record in caplog.records if record.name == logger_name]


def drop_server_connections(site):
    """Break the database connections the server's thread holds; returns how many.

    PostgreSQL: ``pg_terminate_backend``, as a restart or a failover does.
    SQLite has no server to drop a connection, so the nearest thing is done:
    the file handle under a kept connection is closed behind Django's back.
    """
    database = connections[DEFAULT_DB_ALIAS]
    if database.vendor == "postgresql":
        with database.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return len(cursor.fetchall())
    held = [wrapper for wrapper in site.opened if wrapper.connection is not None]
    for wrapper in held:
        wrapper.connection.close()
    return len(held)


@pytest.mark.engine
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("health_checks", [True, False], ids=["health-checked", "unchecked"])
def test_connections_dropped_between_two_readers_cost_no_reader_the_page(
    cached_site, caplog, monkeypatch, health_checks
):
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    monkeypatch.setitem(settings_dict, "CONN_HEALTH_CHECKS", health_checks)
    story = make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    make_article("Pilots agree new rota")
    # The box went stale: the cache renders it again itself, outside Django's views.
    assert "Pilots agree new rota" in box(cached_site.get(story.url))
    make_article("Tug crews vote to strike")

    dropped = drop_server_connections(cached_site)
    answer = cached_site.get(story.url)

    assert answer.status == 200
    assert "Tug crews vote to strike" in box(answer)
    errors = logged(caplog, "newsdesk.caching.layer")
    if not settings_dict.get("CONN_MAX_AGE"):
        # Connections close after each request, the cache's own work included.
        assert dropped == 0
    elif health_checks:
        # Checked before the cache's own work, as before a request: replaced unseen.
        assert dropped and not errors
    else:
        # Found broken by using it: logged, and Django renders with a new one.
        assert dropped and errors


def broken_box(*args, **kwargs):
    return Template("{% for story in %}{% endfor %}").render(Context())


@pytest.mark.django_db
def test_a_fragment_that_cannot_render_gets_djangos_500_page_and_is_logged(
    cached_site, caplog, monkeypatch
):
    story = make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    make_article("Pilots agree new rota")  # every story's box must be rendered again
    monkeypatch.setattr(developments, "render_to_string", broken_box)

    answer = cached_site.get(story.url)

    assert answer.status == 500
    assert "Something went wrong on our side" in answer.text
    assert "TemplateSyntaxError" in logged(caplog, "newsdesk.caching.layer")[0].exc_text
    assert [r.status_code for r in logged(caplog, "django.request")] == [500]


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of the test's own on a free loopback port, never the machine's shared one."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield process, url
    process.kill()
    process.wait()


@pytest.fixture
def site_on_redis(own_redis, settings):
    """The site with its clock and shared store in ``own_redis``, as with ``REDIS_URL``."""
    process, url = own_redis
    settings.NEWSDESK_REDIS_URL = url
    settings.NEWSDESK_PAGE_CACHE_POLL_SECONDS = 0
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    page_cache.cache_clear()
    try:
        with serving() as site:
            yield site, process
    finally:
        page_cache.cache_clear()


@pytest.mark.django_db
def test_redis_stopping_mid_run_leaves_readers_the_page_and_never_a_stale_one(
    site_on_redis, caplog
):
    site, redis_server = site_on_redis
    story = make_article("Harbour dues rise")
    warmed(site, story.url)

    redis_server.terminate()
    redis_server.wait()
    answer = site.get(story.url)
    assert answer.status == 200 and not answer.from_cache
    assert "Harbour dues rise" in answer.text
    assert logged(caplog, "newsdesk.caching.layer")

    make_article("Pilots agree new rota")  # published while Redis is away
    assert "Pilots agree new rota" in box(site.get(story.url))
    assert "Pilots agree new rota" in site.get("/").text
