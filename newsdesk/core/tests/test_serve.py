"""``newsdesk serve`` runs the site as in production and publishes scheduled stories itself."""

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.core.servers import production_environment

STARTUP_SECONDS = 90


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """Status and body of a GET, without raising on error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def stop_and_read(server):
    """Everything the server printed, for a failure message; stops it first."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        return server.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        server.kill()
        return server.communicate()[0]


def wait_for_front_page(base_url, server):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"newsdesk serve exited early:\n{stop_and_read(server)}"
        try:
            return fetch(base_url + "/")
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"no answer within {STARTUP_SECONDS} seconds:\n{stop_and_read(server)}")


@pytest.fixture
def serve(tmp_path):
    """A real ``newsdesk serve`` on a free port, over a fresh SQLite data folder."""
    port = free_port()
    environment = production_environment(tmp_path / "data")
    (tmp_path / "data" / "media").mkdir(parents=True)
    (tmp_path / "data" / "media" / "note.txt").write_text("uploaded by an editor")
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "serve", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield server, f"http://127.0.0.1:{port}"
    stop_and_read(server)


def test_serve_runs_the_site_with_hashed_static_files_and_stops_on_sigterm(serve):
    server, base_url = serve
    status, front_page = wait_for_front_page(base_url, server)
    assert status == 200, stop_and_read(server)

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

    server.send_signal(signal.SIGTERM)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Serving" in output
    with pytest.raises(OSError):
        fetch(base_url + "/")


def test_serve_says_so_when_the_port_is_taken():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is already in use"):
            call_command("serve", port=port)


def test_serve_refuses_a_ten_megabyte_post_before_it_has_been_sent(serve):
    server, base_url = serve
    wait_for_front_page(base_url, server)
    port = int(base_url.rsplit(":", 1)[1])
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
