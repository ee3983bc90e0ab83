"""The environment a separate ``newsdesk`` process runs in when we start one ourselves."""

import os
from pathlib import Path

# The caller's database, cache, debug switch and key belong to the caller: a server
# started on its own data folder must not write into them.
CALLERS_OWN = ("DATABASE_URL", "REDIS_URL", "NEWSDESK_DEBUG", "NEWSDESK_SECRET_KEY")


def production_environment(data_dir, **overrides):
    """Environment variables for a ``newsdesk`` process with production settings on ``data_dir``.

    Served over plain HTTP, as on this machine: production otherwise expects a TLS
    proxy and redirects to HTTPS. ``overrides`` are further variables, as strings
    (``DATABASE_URL=...`` to use PostgreSQL).
    """
    environment = {name: value for name, value in os.environ.items() if name not in CALLERS_OWN}
    environment.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.production",
        NEWSDESK_DATA_DIR=str(data_dir),
        NEWSDESK_HTTPS="0",
        **overrides,
    )
    return environment


def process_tree(pid):
    """``pid`` and every process descended from it, read from ``/proc``.

    ``newsdesk serve`` starts granian in a process group of its own, and granian
    its workers: stopping or measuring a server means finding all of them.
    """
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        waiting.extend(children.get(current, []))
    return found
