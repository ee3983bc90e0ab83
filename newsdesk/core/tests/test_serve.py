"""``newsdesk serve`` runs the site as in production and publishes scheduled stories itself."""

import json
import os
import re
import shutil
import signal
import socket
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.core.management.commands.serve import collect_static_files


def fetch(url):
    """Status and body of a GET, without raising on error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def serve(throwaway_site):
    """A real ``newsdesk serve`` answering on a free port, on a new site with one upload."""
    site = throwaway_site()
    site.media.mkdir(exist_ok=True)
    (site.media / "note.txt").write_text("uploaded by an editor")
    with site.serving() as server:
        yield server


@pytest.mark.heavy
def test_serve_runs_the_site_with_hashed_static_files_and_stops_on_sigterm(serve):
    base_url = serve.base_url
    status, front_page = fetch(base_url + "/")
    assert status == 200, serve.log_tail()

    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', front_page).group(1)
    assert re.fullmatch(r"/static/newsdesk/css/site\.[0-9a-f]{12}\.css", stylesheet)
    assert fetch(base_url + stylesheet)[0] == 200
    asked = urllib.request.Request(base_url + stylesheet, headers={"Accept-Encoding": "br"})  # noqa: S310
    with urllib.request.urlopen(asked, timeout=10) as response:  # noqa: S310 - our own server
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["Content-Encoding"] == "br"
    # The front page comes from the page cache once rendered.
    answered_by = []
    for _ in range(3):
        with urllib.request.urlopen(base_url + "/", timeout=10) as response:  # noqa: S310
            answered_by.append(response.headers["X-Cache"])
    assert answered_by[-1] == "hit", answered_by
    assert fetch(base_url + "/media/note.txt") == (200, "uploaded by an editor")

    serve.process.send_signal(signal.SIGTERM)
    assert serve.process.wait(timeout=30) == 0, serve.log_tail()
    assert "Serving" in serve.log_path.read_text()
    with pytest.raises(OSError):
        fetch(base_url + "/")


def test_serve_says_so_when_the_port_is_taken():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is already in use"):
            call_command("serve", port=port)


@pytest.mark.heavy
def test_serve_refuses_a_ten_megabyte_post_before_it_has_been_sent(serve):
    port = serve.port
    headers = (
        "POST /comments/post/1/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {10 * 1024 * 1024}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        # Only the first 64 KB: an answer proves the server did not wait for, or
        # buffer, the other ten megabytes.
        connection.sendall(headers.encode() + b"comment=" + b"a" * 65_536)
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_serve_collects_static_files_again_only_when_a_source_changed(settings, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    stylesheet = sources / "late-edition.css"
    stylesheet.write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [sources]
    settings.STATIC_ROOT = tmp_path / "static"

    assert collect_static_files(verbosity=0) is True
    assert collect_static_files(verbosity=0) is False

    stylesheet.write_text("body { color: navy; }")
    # collectstatic itself copies only sources newer than the collected file, to the second.
    later = stylesheet.stat().st_mtime + 10
    os.utime(stylesheet, (later, later))
    assert collect_static_files(verbosity=0) is True
    assert (settings.STATIC_ROOT / "late-edition.css").read_text() == "body { color: navy; }"

    shutil.rmtree(settings.STATIC_ROOT)
    assert collect_static_files(verbosity=0) is True
    assert (settings.STATIC_ROOT / "late-edition.css").exists()


def test_serve_collects_again_when_a_hashed_file_went_missing(settings, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "late-edition.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [sources]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert collect_static_files(verbosity=0) is True
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    hashed = settings.STATIC_ROOT / manifest["paths"]["late-edition.css"]
    assert collect_static_files(verbosity=0) is False

    hashed.unlink()
    assert collect_static_files(verbosity=0) is True
    assert hashed.is_file()
