"""Per core: each server on one CPU with one worker, the load generator alone on another.

On a machine the bench shares, the server's share of the CPU, and so every
ratio to nginx, depends on where the load generator and the server sit. Held
to a core each, the three servers answer the same bytes in the same regime:

7. nginx with one worker process serving the page as a file,
8. the floor: a bare WSGI callable on granian sending the recorded hit
   (``floor.py``), under which no Python WSGI application can go,
9. Newsdesk's cached hits, ``newsdesk serve --workers 1``.

Each runs in a session of its own on the second CPU, wrk with one thread on
the first.
"""

import functools
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from newsdesk.core.management.commands.serve import granian_command

from . import floor, nginx, report
from .load import Target, Wrk, load_generator
from .server import free_port, pinned, serving, stop, wait_for_port, wait_until_idle

NGINX_LABEL = "nginx static file, 1 worker"
FLOOR_LABEL = "bare WSGI floor on granian"
HITS_LABEL = "cached article hits, 1 worker"


def cores():
    """``(load CPUs, server CPUs)``: one CPU each, or ``None`` on a one-CPU machine."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None
    return {available[0]}, {available[1]}


@contextmanager
def serving_floor(environment, folder, port, cpus):
    """granian serving the floor on ``port`` (one worker, on ``cpus``) until the block ends."""
    log = Path(folder) / "floor.log"
    with pinned(cpus):
        # Built on those CPUs, so granian's threads are counted for them as for the site.
        command = granian_command("127.0.0.1", port, 1, application=floor.TARGET)
    with log.open("w") as output, pinned(cpus):
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and granian
            command,
            env={**environment, floor.FOLDER_VARIABLE: str(folder)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, log)
        yield process
    finally:
        stop(process)


def regime(load, server_cpus):
    """The sentence naming the per-core regime, printed above its lines."""
    cpu = next(iter(server_cpus))
    return (
        f"Per core (lines 7-9): load from {load.describe()}; each server on CPU {cpu} "
        "with one worker, in a session of its own"
    )


def measure_per_core(options, folder, environment, answer, best_of, say):
    """Lines 7-9 and their ratios; ``answer`` is the hit ``(path, status, headers, body)``.

    ``best_of(load, target, settle)`` measures a target as lines 1-4 are measured.
    """
    placed = cores()
    if placed is None:
        say("Per core (lines 7-9): skipped, this machine has one CPU")
        return
    load_cpus, server_cpus = placed
    load = load_generator(options.wrk, folder / "wrk", 1, cpus=load_cpus)
    if not isinstance(load, Wrk):
        say("Per core (lines 7-9): skipped, they need wrk (apt-get install -y wrk)")
        return
    path, status, headers, body = answer
    say(regime(load, server_cpus))
    static = _nginx(options, folder, path, body, load, server_cpus, best_of, say)
    floor.record(folder / "floor", status, headers, body)
    port = free_port()
    with serving_floor(environment, folder / "floor", port, server_cpus) as process:
        settle = functools.partial(wait_until_idle, process.pid)
        bare = best_of(load, Target.same_page(port, path), settle)
    say(report.figures_line(8, FLOOR_LABEL, bare))
    port = free_port()
    log = folder / "serve-per-core.log"
    with serving(environment, port, 1, log, path, cpus=server_cpus) as process:
        settle = functools.partial(wait_until_idle, process.pid)
        hits = best_of(load, Target.same_page(port, path), settle)
    say(report.figures_line(9, HITS_LABEL, hits, report.floor_verdict(hits, bare)))
    say(report.per_core_line(static, bare, hits))


def _nginx(options, folder, path, body, load, cpus, best_of, say):
    """Line 7: nginx with one worker on ``cpus``; ``None`` when there is no nginx."""
    program = nginx.find_nginx(options.nginx)
    if program is None:
        say(report.skipped_line(7, NGINX_LABEL, nginx.missing_message(options.nginx)))
        return None
    port = free_port()
    with nginx.serving_copy(program, folder / "nginx-core", port, path, body, 1, cpus) as process:
        settle = functools.partial(wait_until_idle, process.pid)
        static = best_of(load, Target.same_page(port, path), settle)
    say(report.figures_line(7, NGINX_LABEL, static))
    return static
