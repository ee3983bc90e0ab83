"""Throwaway Newsdesk sites, and real ``newsdesk serve`` processes running them.

The serve, crash, backup and several-servers tests start sites through this
module, and ``newsdesk bench`` starts, pins and stops its servers with it. A
site is a data folder of its own and, when the suite runs on
PostgreSQL (``DATABASE_URL`` is set), a database of its own beside the test
database. Migrating a new site and collecting its static files is most of what
starting one costs, so a run does that once (``prepare``) and every site is a
copy of the prepared one: a file copy of the SQLite database or a PostgreSQL
``CREATE DATABASE ... TEMPLATE``, and the static files beside it.

The ``prepared_site`` and ``throwaway_site`` fixtures (``fixtures.py``) hand them
to tests. Nothing here needs pytest: the bench runs where the test tools are not.
"""

import contextlib
import http.client
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psycopg

from newsdesk.core.servers import process_tree, production_environment

# Generous: on a machine shared with other work, Django's start and a first
# migrate check take their time.
COMMAND_SECONDS = 300
STARTUP_SECONDS = 300
STOP_SECONDS = 30
REQUEST_SECONDS = 30
# While starting, a port may take connections before anything answers on it.
READY_REQUEST_SECONDS = 5
LOG_LINES = 15
LOWEST_PORT = 20000
SQLITE_FILE = "newsdesk.sqlite3"


class ServerFailed(Exception):
    """A server did not come up, or would not go; the message ends with its log."""


def free_port():
    """A free port below the kernel's range for outgoing connections.

    A connection to a port in that range while nothing listens there can be
    given the same port as its own end, and then connects to itself (TCP's
    simultaneous open). Thousands of retries while a crashed server is down
    make that likely enough to matter.
    """
    outgoing_from = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for port in random.sample(range(LOWEST_PORT, outgoing_from), 100):
        try:
            with socket.create_server(("127.0.0.1", port)):
                return port
        except OSError:
            continue
    raise ServerFailed(f"No free port between {LOWEST_PORT} and {outgoing_from}.")


def request(port, method, path, body=None, headers=None, timeout=REQUEST_SECONDS):
    """One request to a local server on a fresh connection: ``(status, headers, body)``,
    the headers looked up by name in any case."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def log_tail(log, lines=LOG_LINES):
    """The last ``lines`` lines of a log file, indented, for a failure message."""
    try:
        text = Path(log).read_text(errors="replace")
    except OSError:
        return "    (no log)"
    return "\n".join(f"    {line}" for line in text.splitlines()[-lines:]) or "    (empty log)"


def wait_for_port(port, process, log, seconds=STARTUP_SECONDS, path=None):
    """Wait until ``port`` takes connections (and answers ``path`` with 200, if given).

    Fails with the end of ``log`` if ``process`` exits or ``seconds`` pass first.
    """
    deadline = time.monotonic() + seconds
    name = Path(process.args[0]).name if process.args[0] != sys.executable else "newsdesk serve"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(
                f"{name} exited with status {process.returncode} before answering; "
                f"the end of its log ({log}):\n{log_tail(log)}"
            )
        try:
            if path is None:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            if request(port, "GET", path, timeout=READY_REQUEST_SECONDS)[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise ServerFailed(
        f"{name} gave no answer on port {port} within {seconds} s; "
        f"the end of its log ({log}):\n{log_tail(log)}"
    )


@contextmanager
def pinned(cpus):
    """Processes started inside the block run on the CPUs ``cpus`` (all, if ``None``).

    The calling thread's affinity is set for the block: a child inherits it
    from the thread that starts it, and this way no other thread is touched.
    """
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def stop(process):
    """Stop a server as an operator would (SIGTERM), and kill what is left; its exit status.

    ``newsdesk serve`` passes SIGTERM on to granian, which runs in a process
    group of its own; if they have not stopped in time, every process under the
    server is killed, and the status is ``None``.
    """
    if process.poll() is not None:
        return process.returncode
    tree = process_tree(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
        return None


class PostgresDatabase:
    """A database of its own on the suite's PostgreSQL server, named after the test one.

    The name carries this process's id and a number of its own, so that two runs
    on one server, or two sites of one run, never drop each other's database.
    """

    _numbers = itertools.count(1)

    def __init__(self, suite_url, name):
        suite_name = dj_database_url.parse(suite_url)["NAME"]
        self.name = f"test_{suite_name}_{os.getpid()}_{next(self._numbers)}_{name}"
        self.url = urlsplit(suite_url)._replace(path=f"/{self.name}").geturl()
        self.maintenance_url = urlsplit(suite_url)._replace(path="/postgres").geturl()

    def _administer(self, *statements):
        with psycopg.connect(self.maintenance_url, autocommit=True) as server:
            for statement in statements:
                server.execute(statement)

    def create(self, template=None):
        """Create it empty, or as a copy of ``template`` (see ``close_as_template``)."""
        copy_of = f' TEMPLATE "{template.name}"' if template else ""
        self._administer(f'CREATE DATABASE "{self.name}"{copy_of}')

    def close_as_template(self):
        """Refuse connections from now on: a copy cannot be made of a database in use."""
        self._administer(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS false')

    def connect(self):
        """A connection to it, each statement its own transaction: a test reading what
        the site stores sees each new write."""
        return psycopg.connect(self.url, autocommit=True)

    def drop(self):
        self._administer(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@dataclass
class Site:
    """A data folder (and PostgreSQL database) that ``newsdesk`` commands and servers run on."""

    name: str
    data_dir: Path
    environment: dict
    database: PostgresDatabase | None = None
    servers: list = field(default_factory=list)

    @property
    def media(self):
        return self.data_dir / "media"

    @property
    def sqlite_path(self):
        return self.data_dir / SQLITE_FILE

    def newsdesk(self, *arguments, check=False):
        """Run ``newsdesk ARGUMENTS`` to the end; the finished process, output as text.

        With ``check``, a failure raises with the command's messages.
        """
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk", *map(str, arguments)],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        if check and done.returncode:
            raise AssertionError(
                f"newsdesk {' '.join(map(str, arguments))} failed:\n{done.stdout}{done.stderr}"
            )
        return done

    def shell(self, code):
        """Run Python ``code`` in ``newsdesk shell`` on this site; the JSON its last line prints."""
        output = self.newsdesk("shell", "-c", code, check=True).stdout
        return json.loads(output.strip().splitlines()[-1])

    def server(self, workers=1, port=None):
        """A ``newsdesk serve`` for this site, not started yet; stopped with the site."""
        log = self.data_dir.parent / f"{self.name}-serve-{len(self.servers)}.log"
        server = Server(port or free_port(), self.environment, log, workers)
        self.servers.append(server)
        return server

    @contextlib.contextmanager
    def serving(self, workers=1, ready_path="/"):
        """``newsdesk serve`` on a free port for the block, answering already: the server."""
        server = self.server(workers)
        server.start()
        try:
            server.wait_until_ready(ready_path)
            yield server
        finally:
            server.stop()

    def remove(self):
        """Stop its servers and drop its database; the folder goes with the test's own."""
        for server in self.servers:
            server.stop()
        if self.database:
            self.database.drop()


def is_running(pid):
    """Whether any thread of ``pid`` still runs; a zombie waiting to be reaped has stopped.

    Every thread is looked at: a killed process's first thread turns zombie while
    the others may still be exiting, and its sockets close only with the last one.
    """
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for thread in threads:
        try:
            state = (thread / "stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue  # exited while we looked
        if state not in ("Z", "X"):
            return True
    return False


class Server:
    """One ``newsdesk serve`` on a fixed port and site: started, stopped, crashed, restarted.

    It runs in a process group of its own (with ``own_session``, a session of
    its own, as under a service manager), so a crash takes the server and every
    granian process it started without touching its caller; ``cpus`` holds it
    to those CPUs. Its messages go to a file, not a pipe: a pipe nobody reads
    would stall it.
    """

    def __init__(self, port, environment, log_path, workers=1, cpus=None, own_session=False):
        self.port = port
        self.environment = environment
        self.log_path = Path(log_path)
        self.workers = workers
        self.cpus = cpus
        self.own_session = own_session
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        session = {"start_new_session": True} if self.own_session else {"process_group": 0}
        with self.log_path.open("a") as log, pinned(self.cpus):
            self.process = subprocess.Popen(
                [sys.executable, "-m", "newsdesk", "serve"]
                + ["--port", str(self.port), "--workers", str(self.workers)],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                **session,
            )

    def log_tail(self, lines=LOG_LINES):
        """The end of what the server printed, for a failure message."""
        return log_tail(self.log_path, lines)

    def get(self, path, headers=None):
        """``(status, headers, body)`` of a GET to this server."""
        return request(self.port, "GET", path, headers=headers)

    def wait_until_ready(self, path="/", seconds=STARTUP_SECONDS):
        """Wait until ``path`` answers 200; returns the moment it did.

        A server that never answers is crashed, so that it cannot outlive the failure.
        """
        try:
            wait_for_port(self.port, self.process, self.log_path, seconds=seconds, path=path)
        except ServerFailed:
            if self.process.poll() is None:
                self.crash()
            raise
        return time.monotonic()

    def crash(self):
        """SIGKILL ``newsdesk serve``, the granian master and every worker at once.

        ``serve`` starts granian in a process group of its own, so each group in
        the tree is killed. Fails if any of those processes outlives the signal or
        anything still listens on the port. Returns how many processes were killed.
        """
        tree = process_tree(self.process.pid)
        groups = set()
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                groups.add(os.getpgid(pid))
        for group in groups - {os.getpgid(0)}:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while (survivors := [pid for pid in tree if is_running(pid)]) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)
        if survivors:
            raise ServerFailed(f"Processes {survivors} of the server survived SIGKILL.")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except ConnectionRefusedError:
            return len(tree)
        raise ServerFailed(f"Port {self.port} still takes connections after the crash.")

    def stop(self):
        """Stop the way an operator would (SIGTERM), killing what will not go; its exit status."""
        return None if self.process is None else stop(self.process)


class Prepared:
    """A migrated site with its static files collected, which new sites are copied from."""

    def __init__(self, folder, suite_database_url=None):
        self.folder = Path(folder)
        self.suite_database_url = suite_database_url
        self.site = self._site("prepared", self.folder)

    def _site(self, name, folder, shared_database=None, template=None, **overrides):
        """A site over ``folder / name``, with a new database unless it shares one."""
        data_dir = Path(folder) / name
        data_dir.mkdir(parents=True, exist_ok=True)
        database = None
        if shared_database is not None:
            overrides["DATABASE_URL"] = shared_database.url
        elif self.suite_database_url:
            database = PostgresDatabase(self.suite_database_url, name)
            database.create(template)
            overrides["DATABASE_URL"] = database.url
        return Site(name, data_dir, production_environment(data_dir, **overrides), database)

    def build(self):
        """Migrate and collect static files: once per run."""
        self.site.newsdesk("migrate", "--no-input", "--verbosity", "0", check=True)
        # As ``newsdesk serve`` collects them, so that the copies' servers find them current.
        self.site.newsdesk(
            "shell",
            "-c",
            "from newsdesk.core.management.commands.serve import collect_static_files; "
            "collect_static_files(verbosity=0)",
            check=True,
        )
        if self.site.database:
            self.site.database.close_as_template()
        return self

    def copy(self, name, folder, sharing_database_of=None, **overrides):
        """A new site called ``name`` in ``folder``, as the prepared one.

        ``sharing_database_of`` another site makes this one a second machine of
        that site: a data folder of its own, the same PostgreSQL database.
        ``overrides`` are further environment variables (strings).
        """
        shared = None
        if sharing_database_of is not None:
            shared = sharing_database_of.database
            if shared is None:
                raise ValueError("Only sites on PostgreSQL can share a database.")
        shutil.copytree(self.site.data_dir, Path(folder) / name)
        return self._site(name, folder, shared, template=self.site.database, **overrides)

    def empty(self, name, folder, **overrides):
        """A new site with nothing in it yet, as on a new machine before a restore: an
        empty data folder and, on PostgreSQL, an empty database."""
        return self._site(name, folder, **overrides)

    def remove(self):
        self.site.remove()
