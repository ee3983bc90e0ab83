"""Settings come from the environment, with safe defaults and data outside the code."""

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from newsdesk.__main__ import default_settings, tool_commands
from newsdesk.settings import TOOL_APPS
from newsdesk.settings.env import persistent_secret_key

TOOLS = {"demo", "bench", "search_benchmark", "import_wordpress_benchmark"}


def run_with_production_settings(tmp_path, script, **environ):
    """Run ``script`` in a clean interpreter under the production settings; return its output."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def production_settings(tmp_path, **environ):
    """What the production settings say, loaded in a clean interpreter."""
    script = (
        "import json, django\n"
        "from django.conf import settings as s\n"
        "django.setup()\n"
        "db = s.DATABASES['default']\n"
        "print(json.dumps({'debug': s.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']),"
        " 'media': str(s.MEDIA_ROOT), 'key': s.SECRET_KEY, 'cache': s.CACHES['default']['BACKEND'],"
        " 'static': s.STORAGES['staticfiles']['BACKEND']}))\n"
    )
    return json.loads(run_with_production_settings(tmp_path, script, **environ))


def test_production_defaults_are_safe_and_keep_data_in_the_data_folder(tmp_path):
    loaded = production_settings(tmp_path)
    data = tmp_path / "data"
    assert loaded["debug"] is False
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["name"] == str(data / "newsdesk.sqlite3")
    assert loaded["media"] == str(data / "media")
    assert loaded["static"].endswith("ManifestStaticFilesStorage")
    assert loaded["key"] == (data / "secret_key").read_text().strip()
    assert len(loaded["key"]) >= 50


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = persistent_secret_key(tmp_path)
    assert persistent_secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert persistent_secret_key(tmp_path / "other") != first


def test_processes_starting_together_agree_on_one_whole_key(tmp_path):
    data_dir = tmp_path / "fresh"
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: persistent_secret_key(data_dir), range(32)))
    assert len(keys) == 1
    assert len(keys.pop()) >= 50
    assert [path.name for path in data_dir.iterdir()] == ["secret_key"]


def test_database_and_cache_urls_switch_to_postgresql_and_redis(tmp_path):
    loaded = production_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["name"] == "newsroom"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_debug_only_when_asked(tmp_path):
    # Each interpreter loads the settings on its own: they start side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        asked, refused = pool.map(
            lambda value: production_settings(tmp_path / value, NEWSDESK_DEBUG=value), ["1", "no"]
        )
    assert asked["debug"] is True
    assert refused["debug"] is False


def test_sqlite_database_file_opens_in_wal_mode_with_a_busy_timeout(tmp_path):
    script = (
        "import django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0],"
        " cursor.execute('PRAGMA busy_timeout').fetchone()[0])\n"
    )
    journal_mode, busy_timeout_ms = run_with_production_settings(tmp_path, script).split()
    assert journal_mode == "wal"
    assert int(busy_timeout_ms) >= 5000


def test_production_settings_pass_djangos_deployment_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


HTTPS_PROBE = (
    "import json, django\n"
    "django.setup()\n"
    "from django.conf import settings as s\n"
    "from django.test import Client\n"
    "reader = Client(HTTP_HOST='localhost')\n"
    "plain = reader.get('/comments/post/1/')\n"
    "secure = reader.get('/comments/post/1/', headers={'X-Forwarded-Proto': 'https'})\n"
    "print(json.dumps({'plain': [plain.status_code, plain.get('Location')],"
    " 'hsts': secure.get('Strict-Transport-Security'),"
    " 'csp': secure.get('Content-Security-Policy'),"
    " 'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]}))\n"
)


def test_behind_tls_production_redirects_to_https_sends_hsts_and_keeps_cookies_secure(tmp_path):
    seen = json.loads(run_with_production_settings(tmp_path, HTTPS_PROBE))
    assert seen["plain"] == [301, "https://localhost/comments/post/1/"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in seen["csp"]
    assert seen["cookies"] == [True, True]


def test_plain_http_is_served_only_when_asked_for(tmp_path):
    seen = json.loads(run_with_production_settings(tmp_path, HTTPS_PROBE, NEWSDESK_HTTPS="0"))
    assert seen["plain"][0] == 405
    assert seen["hsts"] is None
    assert seen["cookies"] == [False, False]


def newsdesk(tmp_path, *arguments, **environ):
    """Run ``newsdesk`` in a clean environment (DJANGO_SETTINGS_MODULE unset unless given)."""
    env = {"PATH": os.environ["PATH"], "NEWSDESK_DATA_DIR": str(tmp_path / "data"), **environ}
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *arguments], env=env, capture_output=True, text=True
    )


def test_production_installs_no_demo_benchmark_or_testing_app(tmp_path):
    script = "from newsdesk.settings import production\nprint(*production.INSTALLED_APPS)\n"
    installed = run_with_production_settings(tmp_path, script).split()
    assert "newsdesk.core" in installed
    assert not set(TOOL_APPS) & set(installed)
    assert not [app for app in installed if any(w in app for w in ("demo", "bench", "test"))]


def test_tool_commands_run_without_naming_settings(tmp_path):
    commands = ("bench", "demo")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda name: newsdesk(tmp_path / name, name, "--help"), commands)
    for command, result in zip(commands, results, strict=True):
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{command} [-h]" in result.stdout


def test_help_under_production_settings_offers_no_tool_command(tmp_path):
    result = newsdesk(tmp_path, "help", DJANGO_SETTINGS_MODULE="newsdesk.settings.production")
    assert result.returncode == 0, result.stderr
    listed = {line.strip() for line in result.stdout.splitlines()}
    assert "serve" in listed
    assert not TOOLS & listed


def test_only_tool_commands_default_to_the_tools_settings():
    assert TOOLS <= tool_commands()
    for command in TOOLS:
        assert default_settings(["newsdesk", command]) == "newsdesk.settings.tools"
    assert default_settings(["newsdesk", "help", "bench"]) == "newsdesk.settings.tools"
    for words in (["serve"], ["check"], ["migrate"], ["help"], []):
        assert default_settings(["newsdesk", *words]) == "newsdesk.settings.production"
