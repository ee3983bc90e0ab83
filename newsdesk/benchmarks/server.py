"""The site under test: ``newsdesk serve`` on the throwaway data, in a session of its own.

Every server the bench starts runs in a session of its own, as under a service
manager: this kernel shares CPU time between sessions before processes
(``/proc/sys/kernel/sched_autogroup_enabled``), so a server started in the
bench's own session would share the load generator's share. A server may also
be held to some CPUs (``cpus``), as may the load generator (``pinned``).
"""

import os
import time
from contextlib import contextmanager
from pathlib import Path

from newsdesk.core.servers import process_tree
from newsdesk.testing.sites import Server

# A server using less than this share of one core has answered everything sent to it.
IDLE_SHARE = 0.05
IDLE_SAMPLE_SECONDS = 0.2
# A slow page leaves minutes of abandoned requests behind at the default connections.
IDLE_WAIT_SECONDS = 600
# A first start on new data migrates and collects static files.
STARTUP_SECONDS = 180


def autogroup_enabled():
    """Does this kernel share CPU time between sessions first (Linux's autogroup)?"""
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


@contextmanager
def serving(environment, port, workers, log, ready_path, cpus=None):
    """``newsdesk serve`` on ``port`` until the block ends, answering ``ready_path`` first.

    It runs in a session of its own, on the CPUs ``cpus`` (all, if ``None``);
    the block gets its process.
    """
    # Ctrl-C reaches the bench alone, which then stops the server in order.
    server = Server(port, environment, log, workers, cpus=cpus, own_session=True)
    server.start()
    try:
        server.wait_until_ready(ready_path, seconds=STARTUP_SECONDS)
        yield server.process
    finally:
        server.stop()


def cpu_seconds(pids):
    """CPU time used so far by the processes ``pids``, in seconds; ended ones count nothing."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid):
    """Wait until ``pid`` and its descendants are idle.

    A load generator that stops leaves requests queued in the server; the next
    measurement would pay for them. Gives up quietly after ``IDLE_WAIT_SECONDS``.
    """
    deadline = time.monotonic() + IDLE_WAIT_SECONDS
    before = cpu_seconds(process_tree(pid))
    while time.monotonic() < deadline:
        time.sleep(IDLE_SAMPLE_SECONDS)
        now = cpu_seconds(process_tree(pid))
        if now - before <= IDLE_SHARE * IDLE_SAMPLE_SECONDS:
            return
        before = now
