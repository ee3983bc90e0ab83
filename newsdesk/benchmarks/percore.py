"""Per core: each server on one CPU with one worker, the load generator alone on another.

On a machine the bench shares, the server's share of the CPU, and so every
ratio to nginx, depends on where the load generator and the server sit. Held
to a core each, three servers answer the same bytes in the same regime:

7. nginx with one worker process serving the page as a file,
8. the floor: a bare WSGI callable on granian sending the recorded hit
   (``floor.py``), under which no Python WSGI application can go,
9. Newsdesk's cached hits, ``newsdesk serve --workers 1``.

Each runs in a session of its own on the second CPU, wrk with one thread on
the first. The three run side by side and each pass measures them in turn, so
a change in what else the machine does falls on all three alike. Each pass
also counts the server's CPU time per answer, which does not depend on the
share of the CPU the server was given.
"""

import contextlib
import dataclasses
import os
import subprocess
from pathlib import Path

from newsdesk.core.management.commands.serve import granian_command
from newsdesk.core.servers import process_tree
from newsdesk.testing.sites import free_port, pinned, stop, wait_for_port

from . import floor, nginx, report
from .load import Target, Wrk, load_generator
from .server import cpu_seconds, serving, wait_until_idle

LABELS = {
    7: "nginx static file, 1 worker",
    8: "bare WSGI floor on granian",
    9: "cached article hits, 1 worker",
}
WARM_UP_SECONDS = 1


def cores():
    """``(load CPUs, server CPUs)``: one CPU each, or ``None`` on a one-CPU machine."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None
    return {available[0]}, {available[1]}


@contextlib.contextmanager
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
        "with one worker, in a session of its own; measured in turn, pass after pass"
    )


def start_servers(stack, options, folder, environment, answer, cpus, say):
    """Start lines 7-9's servers on ``cpus`` inside ``stack``: ``{line: (port, process)}``."""
    path, status, headers, body = answer
    servers = {}
    program = nginx.find_nginx(options.nginx)
    if program is None:
        say(report.skipped_line(7, LABELS[7], nginx.missing_message(options.nginx)))
    else:
        port = free_port()
        copy = nginx.serving_copy(program, folder / "nginx-core", port, path, body, 1, cpus)
        servers[7] = port, stack.enter_context(copy)
    floor.record(folder / "floor", status, headers, body)
    port = free_port()
    servers[8] = port, stack.enter_context(serving_floor(environment, folder / "floor", port, cpus))
    port = free_port()
    log = folder / "serve-per-core.log"
    servers[9] = port, stack.enter_context(serving(environment, port, 1, log, path, cpus=cpus))
    return servers


def measure_in_turn(load, servers, path, options):
    """The best pass of each server (``{line: Measurement}``), the servers taking turns."""
    targets = {line: Target.same_page(port, path) for line, (port, _process) in servers.items()}
    for target in targets.values():
        load.measure(target, WARM_UP_SECONDS, options.render_connections)
    best = {}
    for _pass in range(options.passes):
        for line, (_port, process) in servers.items():
            wait_until_idle(process.pid)
            before = cpu_seconds(process_tree(process.pid))
            measured = load.measure(targets[line], options.duration, options.connections)
            used = cpu_seconds(process_tree(process.pid)) - before
            measured = dataclasses.replace(measured, server_cpu_seconds=used)
            if line not in best or measured.rate > best[line].rate:
                best[line] = measured
    return best


def measure_per_core(options, folder, environment, answer, say):
    """Lines 7-9 and their ratios; ``answer`` is the hit ``(path, status, headers, body)``."""
    placed = cores()
    if placed is None:
        say("Per core (lines 7-9): skipped, this machine has one CPU")
        return
    load_cpus, server_cpus = placed
    load = load_generator(options.wrk, folder / "wrk", 1, cpus=load_cpus)
    if not isinstance(load, Wrk):
        say("Per core (lines 7-9): skipped, they need wrk (apt-get install -y wrk)")
        return
    say(regime(load, server_cpus))
    with contextlib.ExitStack() as stack:
        servers = start_servers(stack, options, folder, environment, answer, server_cpus, say)
        best = measure_in_turn(load, servers, answer[0], options)
    verdicts = {9: report.floor_verdict(best[9], best[8])}
    for line, measured in sorted(best.items()):
        say(report.figures_line(line, LABELS[line], measured, verdicts.get(line)))
        say(report.cpu_note(measured))
    say(report.per_core_line(best.get(7), best[8], best[9]))
