"""Copying the site's database out and back: SQLite's backup API, or pg_dump and pg_restore."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import DatabaseError, ProgrammingError, connection
from django.db.migrations.loader import MigrationLoader

from .files import BackupError, progress_bar

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENGINE_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}
# 1,024 pages of 4 KiB: each step copies 4 MB, then lets the progress bar move.
PAGES_PER_STEP = 1024
BUSY_SECONDS = 20
NOT_MIGRATED = (
    "The database has no tables yet, so there is nothing to back up: run newsdesk migrate."
)
LATEST_MIGRATIONS = "SELECT app, name FROM django_migrations ORDER BY id"


def site_engine():
    """``"sqlite"`` or ``"postgresql"``: the engine the site is configured for."""
    if connection.vendor not in ENGINE_NAMES:
        raise BackupError(f"Backups work with SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def sqlite_path():
    """The site's SQLite database file; refuses an in-memory database."""
    if connection.is_in_memory_db():
        raise BackupError("The database is in memory, so there is no file to back up or restore.")
    return Path(connection.settings_dict["NAME"])


def latest_migrations(cursor):
    """The last migration applied to each app, from the django_migrations table."""
    cursor.execute(LATEST_MIGRATIONS)
    return dict(cursor.fetchall())


def unknown_migrations(migrations):
    """Migrations the backup's database has that this Newsdesk's code does not know.

    Only apps installed here count: an app the newsroom has since removed
    leaves harmless rows behind.
    """
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    installed = {app for app, _name in known}
    return sorted(
        f"{app}.{name}"
        for app, name in migrations.items()
        if app in installed and (app, name) not in known
    )


def database_has_tables():
    """Does the site's database hold any table? A SQLite file not made yet holds none."""
    if site_engine() == SQLITE and not connection.is_in_memory_db() and not sqlite_path().exists():
        return False
    try:
        return bool(connection.introspection.table_names())
    except DatabaseError as error:
        raise BackupError(f"Cannot read the database: {first_line(error)}") from error


def first_line(error):
    """The first line of a database error: PostgreSQL's go on with hints and context."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def copy_sqlite(source, target, description):
    """Copy the SQLite database ``source`` into ``target`` page by page, then check the copy.

    ``source`` may be in use. A read transaction held on it across all the
    steps pins one snapshot, so the copy is consistent and never restarts
    because a writer changed a page; in WAL mode (Newsdesk's) the site's
    writers carry on meanwhile and readers are never blocked.
    """
    with (
        closing(sqlite3.connect(source, timeout=BUSY_SECONDS, isolation_level=None)) as original,
        closing(sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None)) as copy,
        progress_bar(None, "page", description) as bar,
    ):
        original.execute("BEGIN")
        original.execute("SELECT count(*) FROM sqlite_master").fetchone()

        def show(_status, remaining, total):
            bar.total = total
            bar.update(total - remaining - bar.n)

        try:
            original.backup(copy, pages=PAGES_PER_STEP, progress=show)
        except sqlite3.Error as error:
            raise BackupError(f"Copying the SQLite database failed: {error}.") from error
        finally:
            original.execute("ROLLBACK")
        check_integrity(copy, target)


def check_integrity(database, path):
    """Raise BackupError unless SQLite's integrity check passes on the open ``database``."""
    problems = [row[0] for row in database.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{path} failed SQLite's integrity check: {problems[0]}")


def back_up_sqlite(target):
    """Copy the site's SQLite database to ``target``; returns its latest migrations.

    The copy is switched to a rollback journal, so it is one self-contained
    file that can be read without writing beside it.
    """
    copy_sqlite(sqlite_path(), target, "Copying the database")
    with closing(sqlite3.connect(target, isolation_level=None)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")
        try:
            return latest_migrations(copy.cursor())
        except sqlite3.OperationalError:
            raise BackupError(NOT_MIGRATED) from None


def restore_sqlite(source):
    """Copy the backup's SQLite file ``source`` into the site's (empty) database file."""
    target = sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.close()
    copy_sqlite(source, target, "Restoring the database")


def postgresql_tool(name):
    """The full path of ``pg_dump`` or ``pg_restore``; a clear error if it is not installed."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed or not on PATH: install the PostgreSQL client "
            "tools (Debian and Ubuntu: apt install postgresql-client) and try again."
        )
    return path


def postgresql_environment():
    """The environment for pg_dump and pg_restore, connecting as the site does.

    The password goes in PGPASSWORD, never on the command line, where any
    user of the machine could read it in the process list.
    """
    settings = connection.settings_dict
    environment = dict(os.environ)
    for key, variable in {
        "HOST": "PGHOST",
        "PORT": "PGPORT",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "NAME": "PGDATABASE",
    }.items():
        if settings.get(key):
            environment[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    return environment


def run_postgresql_tool(name, *arguments):
    """Run pg_dump or pg_restore; BackupError with its last message line if it fails."""
    result = subprocess.run(  # noqa: S603 - a fixed tool, our own arguments
        [postgresql_tool(name), "--no-password", *arguments],
        env=postgresql_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit code {result.returncode}"
        raise BackupError(f"{name} failed: {reason}")
    return result.stdout


def back_up_postgresql(target):
    """Dump the site's PostgreSQL database to ``target``; returns its latest migrations.

    pg_dump reads one snapshot of the whole database in a single transaction,
    so the site carries on writing meanwhile. The dump is read back with
    ``pg_restore --list`` to prove it is whole.
    """
    try:
        with connection.cursor() as cursor:
            migrations = latest_migrations(cursor)
    except ProgrammingError:
        raise BackupError(NOT_MIGRATED) from None
    except DatabaseError as error:
        raise BackupError(f"Cannot read the database: {first_line(error)}") from error
    run_postgresql_tool("pg_dump", "--format=custom", f"--file={target}")
    run_postgresql_tool("pg_restore", "--list", str(target))
    return migrations


def restore_postgresql(source):
    """Load the dump ``source`` into the site's (empty) PostgreSQL database, all or nothing.

    Ownership and grants are left out: the restored tables belong to the
    user the site connects as, whatever the user on the old server was called.
    """
    connection.close()
    run_postgresql_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(source),
    )
