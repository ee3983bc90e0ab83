"""nginx serving a saved copy of a page as a static file: the fastest the machine answers.

The copy sits at the page's own path (``…/index.html``), so wrk asks nginx and
the site for the same URL. nginx runs in the foreground from a configuration
written into the bench's folder, in a session of its own, with as many worker
processes as the site has workers.
"""

import getpass
import os
import shutil
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

from newsdesk.testing.sites import pinned, wait_for_port

NGINX = "/usr/sbin/nginx"
INSTALL_HINT = "apt-get install -y nginx"
STOP_SECONDS = 10
CONFIG = """\
daemon off;
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{user}
events {{
    worker_connections 4096;
}}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    default_type text/html;
    charset utf-8;
    client_body_temp_path {folder}/client-body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/root;
        index index.html;
    }}
}}
"""


def find_nginx(path=NGINX):
    """The nginx program at ``path`` (or on the PATH), or ``None`` when it is not there."""
    return shutil.which(path)


def missing_message(path):
    """The one line the report shows instead of the baseline when nginx cannot be had."""
    return (
        f"skipped: nginx not found at {path}; install it with `{INSTALL_HINT}` "
        "(Debian, Ubuntu) and run the bench again"
    )


def write_site(folder, port, path, page, workers):
    """Write ``page`` at ``path`` under ``folder``'s web root, and a configuration serving it
    with ``workers`` worker processes."""
    folder = Path(folder)
    copy = folder / "root" / path.strip("/") / "index.html"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(page)
    # A master started as root hands the work to the user named here; the bench's
    # folder is private, so that must be the user who owns it.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(CONFIG.format(folder=folder, port=port, user=user, workers=workers))
    return config


@contextmanager
def serving_copy(program, folder, port, path, page, workers, cpus=None):
    """nginx on ``port`` serving ``page`` at ``path``, for as long as the block runs.

    ``workers`` worker processes, on the CPUs ``cpus`` (all, if ``None``).
    """
    folder = Path(folder)
    config = write_site(folder, port, path, page, workers)
    log = folder / "nginx.log"
    with log.open("w") as output, pinned(cpus):
        process = subprocess.Popen(  # noqa: S603 - the nginx the operator named
            [program, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, log)
        yield process
    finally:
        stop(process)


def stop(process):
    """Stop nginx and its workers: a quick shutdown, then SIGKILL for any left."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
    try:
        # Also reaches workers a master that died on its own left behind.
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
