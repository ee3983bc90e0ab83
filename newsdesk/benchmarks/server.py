"""The site under test: ``newsdesk serve`` on the throwaway data, in a session of its own.

Every server the bench starts runs in a session of its own, as under a service
manager: this kernel shares CPU time between sessions before processes
(``/proc/sys/kernel/sched_autogroup_enabled``), so a server started in the
bench's own session would share the load generator's share. A server may also
be held to some CPUs (``cpus``), as may the load generator (``pinned``).
"""

import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from newsdesk.core.servers import process_tree

STARTUP_SECONDS = 180
STOP_SECONDS = 30
REQUEST_SECONDS = 30
# While starting, a port may take connections before anything answers on it.
READY_REQUEST_SECONDS = 5
LOG_LINES = 15
LOWEST_PORT = 20000
# A server using less than this share of one core has answered everything sent to it.
IDLE_SHARE = 0.05
IDLE_SAMPLE_SECONDS = 0.2
# A slow page leaves minutes of abandoned requests behind at the default connections.
IDLE_WAIT_SECONDS = 600


class ServerFailed(Exception):
    """A server the bench started did not come up; the message ends with its log."""


def free_port():
    """A free loopback port below the range the kernel gives outgoing connections.

    Thousands of connections a second leave many ports in TIME_WAIT, and a port
    in that range could be handed to a client while the server still needs it.
    """
    outgoing_from = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for port in random.sample(range(LOWEST_PORT, outgoing_from), 100):
        try:
            with socket.create_server(("127.0.0.1", port)):
                return port
        except OSError:
            continue
    raise ServerFailed(f"No free port between {LOWEST_PORT} and {outgoing_from}.")


def log_tail(log, lines=LOG_LINES):
    """The last ``lines`` lines of a log file, indented, for a failure message."""
    try:
        text = Path(log).read_text(errors="replace")
    except OSError:
        return "    (no log)"
    return "\n".join(f"    {line}" for line in text.splitlines()[-lines:]) or "    (empty log)"


def get(port, path, headers=None, timeout=REQUEST_SECONDS):
    """One GET on a fresh connection; returns ``(status, headers, body)``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


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
            if get(port, path, timeout=READY_REQUEST_SECONDS)[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise ServerFailed(
        f"{name} gave no answer on port {port} within {seconds} s; "
        f"the end of its log ({log}):\n{log_tail(log)}"
    )


def autogroup_enabled():
    """Does this kernel share CPU time between sessions first (Linux's autogroup)?"""
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


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


@contextmanager
def serving(environment, port, workers, log, ready_path, cpus=None):
    """``newsdesk serve`` on ``port`` until the block ends, answering ``ready_path`` first.

    It runs in a session of its own, on the CPUs ``cpus`` (all, if ``None``).
    """
    with Path(log).open("w") as output, pinned(cpus):
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [
                sys.executable,
                "-m",
                "newsdesk",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],  # fmt: skip
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            # Ctrl-C reaches the bench alone, which then stops the server in order.
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, log, path=ready_path)
        yield process
    finally:
        stop(process)


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


def stop(process):
    """Stop ``newsdesk serve`` as an operator would (SIGTERM), and kill what is left.

    ``serve`` passes SIGTERM on to granian, which runs in a process group of its
    own; if they have not stopped in time, every process under ``serve`` is killed.
    """
    if process.poll() is None:
        tree = process_tree(process.pid)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            for pid in tree:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue
            process.wait()
