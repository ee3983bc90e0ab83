"""Load generators on loopback: wrk when it is installed, a slower Python crowd otherwise.

Both measure a ``Target`` for a number of seconds over a number of keep-alive
connections and give back a ``Measurement``. A target is either the same page
again and again, or every page of a list in turn, each with a query number of
its own so that no page cache can answer it, even on the second lap.
"""

import http.client
import itertools
import json
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from newsdesk.benchmarks.search import percentile
from newsdesk.testing.sites import pinned

WRK = "wrk"
WRK_MARK = "NEWSDESK-BENCH "
# A request slower than this is an error to wrk and leaves its latency out.
WRK_TIMEOUT = "30s"
REQUEST_SECONDS = 30
UNCACHED_QUERY = "nocache"
# wrk calls ``done`` once at the end with exact figures, rather than the rounded
# ones it prints; one marked line of JSON carries them out.
WRK_DONE = """
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '%s{"requests": %.0f, "microseconds": %.0f, "refused": %.0f, "failed": %.0f, '
    .. '"p50_us": %.0f, "p99_us": %.0f}\\n',
    "MARK", summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
""".replace("MARK", WRK_MARK)
# Each wrk thread starts at its own place in the list and numbers its requests.
WRK_EVERY_PAGE = """
local paths = {}
for line in io.lines("PATHS") do paths[#paths + 1] = line end
local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end
local sent = 0
function request()
  sent = sent + 1
  local place = (thread_number * 7919 + sent) % #paths + 1
  return wrk.format("GET", paths[place] .. "?QUERY=" .. thread_number .. "-" .. sent)
end
""".replace("QUERY", UNCACHED_QUERY)


@dataclass(frozen=True)
class Target:
    """What to ask a server on loopback for: one page again and again, or every page in turn."""

    port: int
    paths: tuple
    uncached: bool = False

    @classmethod
    def same_page(cls, port, path):
        return cls(port, (path,))

    @classmethod
    def every_page(cls, port, paths):
        return cls(port, tuple(paths), uncached=True)

    def url(self):
        return f"http://127.0.0.1:{self.port}{self.paths[0]}"


@dataclass(frozen=True)
class Measurement:
    """What a load generator saw: answered requests, how long it ran, and how long they took."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    # CPU time the server used meanwhile, when it was counted.
    server_cpu_seconds: float | None = None

    @property
    def rate(self):
        """Answered requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_answer_us(self):
        """The server's CPU time per answered request, in microseconds, if counted.

        Unlike the rate, it does not depend on how much of the CPU the server
        was given while others used the machine.
        """
        if not (self.server_cpu_seconds and self.requests):
            return None  # not counted, or too short to show in the kernel's ticks
        return self.server_cpu_seconds / self.requests * 1e6


def summarise(latencies, seconds, errors=0):
    """A ``Measurement`` of ``latencies`` (in seconds) answered within ``seconds``."""
    if not latencies:
        return Measurement(0, seconds, 0.0, 0.0, errors)
    return Measurement(
        requests=len(latencies),
        seconds=seconds,
        p50_ms=percentile(latencies, 0.5) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        errors=errors,
    )


def parse_wrk(output):
    """The ``Measurement`` in wrk's output, from the line our ``done`` hook wrote.

    Refused answers (statuses of 400 and up) are counted as errors, not as answers.
    """
    for line in output.splitlines():
        if line.startswith(WRK_MARK):
            figures = json.loads(line.removeprefix(WRK_MARK))
            return Measurement(
                requests=int(figures["requests"] - figures["refused"]),
                seconds=figures["microseconds"] / 1e6,
                p50_ms=figures["p50_us"] / 1000,
                p99_ms=figures["p99_us"] / 1000,
                errors=int(figures["refused"] + figures["failed"]),
            )
    raise ValueError(f"wrk printed no summary:\n{output.strip()}")


def find_wrk(path=WRK):
    """The wrk program at ``path`` (or on the PATH), or ``None`` when it is not there."""
    return shutil.which(path)


class Wrk:
    """wrk, the load generator: C, event-driven, a thread per core it may use.

    With ``cpus`` it runs on those CPUs alone, one thread for each.
    """

    def __init__(self, program, workdir, threads, cpus=None):
        self.program = program
        self.workdir = Path(workdir)
        self.cpus = cpus
        self.threads = len(cpus) if cpus else threads

    def describe(self):
        where = f" on CPU {', '.join(map(str, sorted(self.cpus)))}" if self.cpus else ""
        return f"wrk, {self.threads} thread{'s' if self.threads > 1 else ''}{where}"

    def measure(self, target, seconds, connections):
        script = self.script(target)
        command = [
            self.program,
            "--threads", str(min(self.threads, connections)),
            "--connections", str(connections),
            "--duration", f"{seconds}s",
            "--timeout", WRK_TIMEOUT,
            "--script", str(script),
            target.url(),
        ]  # fmt: skip
        with pinned(self.cpus):
            finished = subprocess.run(  # noqa: S603 - the wrk the operator named
                command, capture_output=True, text=True, check=False, timeout=seconds + 60
            )
        if finished.returncode:
            raise RuntimeError(f"wrk failed: {finished.stderr.strip() or finished.stdout.strip()}")
        return parse_wrk(finished.stdout)

    def script(self, target):
        """The Lua script for ``target``: every page in turn, or only the summary hook."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        script = self.workdir / ("every-page.lua" if target.uncached else "same-page.lua")
        lua = WRK_DONE
        if target.uncached:
            paths = self.workdir / "paths.txt"
            paths.write_text("".join(f"{path}\n" for path in target.paths))
            lua = WRK_EVERY_PAGE.replace("PATHS", str(paths)) + lua
        script.write_text(lua)
        return script


class PythonLoad:
    """A crowd of threads with keep-alive connections, for machines without wrk.

    It spends more of the shared CPU per request than wrk does, so the figures
    it gives are lower than the server could reach.
    """

    def describe(self):
        return "Python threads (wrk is not installed: its figures are lower)"

    def measure(self, target, seconds, connections):
        numbers = itertools.count()
        if target.uncached:

            def next_path():
                number = next(numbers)
                path = target.paths[number % len(target.paths)]
                return f"{path}?{UNCACHED_QUERY}={number}"
        else:

            def next_path():
                return target.paths[0]

        started = time.monotonic()
        deadline = started + seconds
        results = [([], [0]) for _connection in range(connections)]
        crowd = [
            threading.Thread(target=_keep_asking, args=(target.port, next_path, deadline, *result))
            for result in results
        ]
        for thread in crowd:
            thread.start()
        for thread in crowd:
            thread.join()
        latencies = [latency for answered, _errors in results for latency in answered]
        errors = sum(errors[0] for _answered, errors in results)
        return summarise(latencies, time.monotonic() - started, errors)


def _keep_asking(port, next_path, deadline, latencies, errors):
    """GET ``next_path()`` over one keep-alive connection until ``deadline``."""
    connection = None
    while time.monotonic() < deadline:
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
        started = time.perf_counter()
        try:
            connection.request("GET", next_path())
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors[0] += 1
            connection.close()
            connection = None
            continue
        if response.status >= 400:
            errors[0] += 1
        else:
            latencies.append(time.perf_counter() - started)
        if response.will_close:
            connection.close()
            connection = None
    if connection is not None:
        connection.close()


def load_generator(wrk_path, workdir, threads, cpus=None):
    """wrk when ``wrk_path`` finds it (on ``cpus``, if given), otherwise the Python crowd."""
    program = find_wrk(wrk_path)
    return Wrk(program, workdir, threads, cpus) if program else PythonLoad()
