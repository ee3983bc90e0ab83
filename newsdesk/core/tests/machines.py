"""Several ``newsdesk serve`` processes sharing one PostgreSQL database, one Redis and one
bucket, each on a data folder of its own, as several machines serving one site would.

The part of the several-servers test that starts and stops servers, kept apart so
that it can move onto the suite's shared harness for throwaway sites.
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.db import connection

from newsdesk.benchmarks.server import free_port, get, stop, wait_for_port
from newsdesk.core.servers import process_tree, production_environment

COMMAND_SECONDS = 300
# A first page on a new site creates its settings; a machine shared with other
# work takes its time over that and over collecting static files at start.
REQUEST_SECONDS = 60
STARTUP_SECONDS = 600


def postgresql_server(database="postgres"):
    """A connection to the suite's PostgreSQL server, to ``database``."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=database,
        autocommit=True,
    )


@contextlib.contextmanager
def shared_database(suffix):
    """A new, empty PostgreSQL database for the block, named after the suite's test
    database; ``(name, DATABASE_URL)``."""
    name = f"{connection.settings_dict['NAME']}_{suffix}"
    with postgresql_server() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        address = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        yield name, address._replace(path=f"/{name}").geturl()
    finally:
        with postgresql_server() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def newsdesk(environment, *arguments):
    """Run ``newsdesk ARGUMENTS`` in ``environment`` to the end; fails with its output."""
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", *map(str, arguments)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
    )
    if done.returncode:
        raise AssertionError(f"newsdesk {' '.join(map(str, arguments))} failed:\n{done.stderr}")
    return done.stdout


@dataclass
class Machine:
    """One ``newsdesk serve`` with a data folder of its own."""

    name: str
    data_dir: Path
    environment: dict
    port: int = 0
    process: subprocess.Popen = None

    @property
    def log(self):
        return self.data_dir.parent / f"{self.name}.log"

    def shell(self, code):
        """Run Python ``code`` in ``newsdesk shell`` here; the JSON its last line prints."""
        output = newsdesk(self.environment, "shell", "-c", code)
        return json.loads(output.strip().splitlines()[-1])

    def get(self, path):
        """``(status, body)`` of a GET to this server."""
        status, _headers, body = get(self.port, path, timeout=REQUEST_SECONDS)
        return status, body

    def start(self):
        self.port = free_port()
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "newsdesk", "serve"]
                + ["--port", str(self.port), "--workers", "1"],
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                process_group=0,
            )

    def kill(self):
        """SIGKILL ``serve`` and every granian process under it: the machine is gone."""
        for pid in process_tree(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()


@contextlib.contextmanager
def machines(folder, names, **shared):
    """``newsdesk serve`` for each of ``names``, all with the ``shared`` environment.

    One data folder is prepared (migrated, static files collected) and copied for
    each, as a machine image would be; they start together and are stopped at the end.
    """
    prepared = Path(folder) / "prepared"
    environment = production_environment(prepared, **shared)
    newsdesk(environment, "migrate", "--no-input", "--verbosity", "0")
    newsdesk(environment, "collectstatic", "--no-input", "--verbosity", "0")
    started = []
    try:
        for name in names:
            data_dir = Path(folder) / name
            shutil.copytree(prepared, data_dir)
            machine = Machine(name, data_dir, production_environment(data_dir, **shared))
            machine.start()
            started.append(machine)
        for machine in started:
            wait_for_port(machine.port, machine.process, machine.log, seconds=STARTUP_SECONDS)
        yield started
    finally:
        for machine in started:
            stop(machine.process)
