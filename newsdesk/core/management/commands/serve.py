"""``newsdesk serve``: the production web server, with scheduled publishing built in."""

import errno
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from newsdesk.core.scheduler import Scheduler

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WORKERS_KILL_TIMEOUT = 10


def cpu_count():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def check_port_free(host, port):
    """Fail with a plain sentence, before any work, if ``host:port`` cannot be listened on."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.create_server((host, port), family=family):
            pass
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError(
                f"Port {port} on {host} is already in use: stop the other server "
                "or choose another port with --port."
            ) from error
        raise CommandError(f"Cannot listen on {host}:{port}: {error.strerror or error}.") from error


def static_routes():
    """granian arguments serving MEDIA_ROOT at its URL, unless media live elsewhere.

    Static files are WhiteNoise's: it sends their hashed names as immutable and
    their gzip and Brotli copies, which granian's file server does not. Media in
    a bucket are Django's to stream (``core.views.media_file``) or a CDN's.
    """
    arguments = []
    if not isinstance(default_storage, FileSystemStorage):
        return arguments
    served = {settings.MEDIA_URL: settings.MEDIA_ROOT}
    for url, root in served.items():
        route = urlsplit(url)
        if route.netloc or not route.path.startswith("/"):
            continue  # files live on a CDN or another host
        os.makedirs(root, exist_ok=True)
        arguments += ["--static-path-route", route.path.rstrip("/")]
        arguments += ["--static-path-mount", str(root)]
    return arguments


def static_sources_fingerprint():
    """A digest of every static source file's name, size and time, and of how they are stored."""
    digest = hashlib.sha256()
    for setting in (settings.STORAGES["staticfiles"], settings.STATIC_URL):
        digest.update(repr(setting).encode() + b"\n")
    for package in ("django", "wagtail", "whitenoise"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    ignore_patterns = apps.get_app_config("staticfiles").ignore_patterns
    sources = []
    for finder in get_finders():
        for path, storage in finder.list(ignore_patterns):
            found = os.stat(storage.path(path))
            sources.append(f"{path}\0{found.st_size}\0{found.st_mtime_ns}")
    for source in sorted(sources):
        digest.update(source.encode() + b"\n")
    return digest.hexdigest()


def _collected_files_present():
    """Is every file the last collection listed still in STATIC_ROOT?"""
    root = Path(settings.STATIC_ROOT)
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if manifest_name is None:
        return root.is_dir()
    try:
        manifest = json.loads((root / manifest_name).read_text())
    except (OSError, ValueError):
        return False
    return all((root / name).is_file() for name in manifest.get("paths", {}).values())


def collect_static_files(verbosity=1):
    """Run ``collectstatic`` unless the files collected last time came from these very sources.

    Every run hashes and compresses every file again, seconds of CPU at each
    start of the server; after a crash or a deploy that changed no static file,
    that is downtime for nothing. The stamp beside STATIC_ROOT is removed before
    collecting and written once the collection is complete, so a collection cut
    short is done again. Returns whether it collected.
    """
    root = Path(settings.STATIC_ROOT)
    stamp = root.with_name(f"{root.name}.collected")
    fingerprint = static_sources_fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint and _collected_files_present():
        return False
    stamp.unlink(missing_ok=True)
    call_command("collectstatic", interactive=False, verbosity=verbosity)
    written = stamp.with_name(f"{stamp.name}.new")
    written.write_text(fingerprint)
    os.replace(written, stamp)
    return True


def granian_command(host, port, workers, application=None):
    """granian's command line serving ``application`` (``module:name``; Newsdesk by default)."""
    module, _dot, name = settings.WSGI_APPLICATION.rpartition(".")
    return [
        sys.executable, "-m", "granian",
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        # granian's own advice for WSGI: more threads than this only queue on the GIL.
        "--blocking-threads", str(cpu_count() * 2 + 1),
        # A worker caught mid-start by a stop signal never finishes stopping on its own.
        "--workers-kill-timeout", str(WORKERS_KILL_TIMEOUT),
        *static_routes(),
        application or f"{module}:{name}",
    ]  # fmt: skip


def run_until_stopped(command):
    """Run ``command`` until it exits; SIGINT and SIGTERM are passed on to it.

    Returns its exit code and whether it was asked to stop. It gets its own
    process group so that Ctrl-C in a terminal reaches it once, through us.
    """
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    process = subprocess.Popen(command, env=environment, process_group=0)  # noqa: S603
    asked_to_stop = []

    def forward(signum, _frame):
        asked_to_stop.append(signum)
        process.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in STOP_SIGNALS}
    try:
        return process.wait(), bool(asked_to_stop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if process.poll() is None:  # we are failing: leave no server behind
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Command(BaseCommand):
    help = (
        "Serve the site with granian, as in production. Applies migrations, collects static "
        "files (when they changed since the last collection), serves static files and media, "
        "and publishes scheduled pages (every 30 seconds "
        "unless NEWSDESK_SCHEDULER_INTERVAL says otherwise; of several servers sharing a "
        "database, the one holding the scheduler's lease does), and sends queued newsletter "
        "editions. Stops cleanly on Ctrl-C or "
        "SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on (8000).")
        parser.add_argument(
            "--workers",
            type=int,
            default=cpu_count(),
            help="Worker processes (default: one per CPU core, here %(default)s).",
        )

    def handle(self, *args, host, port, workers, verbosity, **options):
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        check_port_free(host, port)
        call_command("migrate", interactive=False, verbosity=verbosity)
        collect_static_files(verbosity)
        self.stdout.write(
            f"Serving {settings.WAGTAIL_SITE_NAME} at http://{host}:{port}/ with {workers} "
            f"worker(s); scheduled pages are published every {settings.NEWSDESK_SCHEDULER_INTERVAL}"
            " s by whichever server sharing this database holds the scheduler's lease. "
            "Press Ctrl-C to stop."
        )
        if getattr(settings, "SECURE_SSL_REDIRECT", False):
            self.stdout.write(
                "Plain HTTP requests are redirected to HTTPS, as behind a TLS proxy; "
                "set NEWSDESK_HTTPS=0 to serve plain HTTP on this machine."
            )
        scheduler = Scheduler.from_settings()
        scheduler.start()
        # Apps' own background work (the newsletters' sender), each with start() and stop().
        background = [hook() for hook in hooks.get_hooks("newsdesk_serve_workers")]
        for worker in background:
            worker.start()
        try:
            code, asked_to_stop = run_until_stopped(granian_command(host, port, workers))
        finally:
            for worker in background:
                worker.stop()
            scheduler.stop()
        if not asked_to_stop:
            raise CommandError(f"granian stopped with exit code {code}; its messages are above.")
        if code:
            raise SystemExit(code)
