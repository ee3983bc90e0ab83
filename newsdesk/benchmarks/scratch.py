"""Running the bench in a throwaway folder, in a fresh interpreter set up for it.

Django reads its settings once, from the environment, when it starts. So
``newsdesk bench`` makes the folder and runs this module in a new Python with
production settings on that folder (``scratch_environment``). That process
builds the paper and starts ``newsdesk serve`` with the very same environment,
so the bench, the server and the database agree, and the reader's own site is
never touched. Report lines come back on standard output as they are measured;
a failure is one last line starting with ``FAILED`` (see ``inside``).
"""

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from newsdesk.core.servers import production_environment

FAILED = "BENCH-FAILED "
INSIDE = "newsdesk.benchmarks.inside"
INTERRUPTED = 130
STOPPED = "Stopped before the end; its servers are stopped."
# Long enough for the bench's process to stop the server and nginx in turn.
STOP_SECONDS = 90


class BenchFailed(Exception):
    """The bench cannot run: the message says why, in a line (and the end of a log)."""


@dataclass(frozen=True)
class Options:
    """What ``newsdesk bench`` was asked to do; see its ``--help``."""

    articles: int
    duration: int
    passes: int
    connections: int
    render_connections: int
    workers: int
    commenters: int
    publish_trials: int
    nginx: str
    wrk: str
    keep: bool = False
    database_url: str | None = None
    live_readers: int = 5000
    live_seconds: int = 40


def scratch_environment(data_dir, database_url=None):
    """The environment of the bench's own process and of the server it starts.

    Production settings on ``data_dir``, plain HTTP on loopback, and comments
    open to any pace: the crowd posts faster than the guards let one reader.
    """
    database = {"DATABASE_URL": database_url} if database_url else {}
    return production_environment(
        data_dir, NEWSDESK_COMMENTS_RATE_LIMIT="0", NEWSDESK_COMMENTS_MIN_SECONDS="0", **database
    )


def _stop(process):
    """Let the bench's process stop its servers, then make sure it has ended.

    A Ctrl-C in a terminal has reached it already; a SIGTERM or an error here has
    not. Further Ctrl-Cs meanwhile must not cut its clean-up short.
    """
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + STOP_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        try:
            process.wait(timeout=1)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            continue
    if process.poll() is None:
        process.kill()
        process.wait()


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def run_in_scratch(options, say):
    """Run the bench in a fresh folder; ``say`` is given each line of the report.

    Raises ``BenchFailed`` if it cannot run or is stopped. The folder (and a
    scratch PostgreSQL database) is removed at the end unless ``options.keep``.
    """
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    data_dir = folder / "data"
    (data_dir / "media").mkdir(parents=True)
    say(f"Throwaway site in {folder} ({'kept' if options.keep else 'removed at the end'})")
    command = [sys.executable, "-m", INSIDE, json.dumps(asdict(options)), str(folder)]
    previous = signal.signal(signal.SIGTERM, _interrupt)
    process = None
    try:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            env=scratch_environment(data_dir, options.database_url),
            stdout=subprocess.PIPE,
            text=True,
        )
        failure = None
        for line in process.stdout:
            if line.startswith(FAILED):
                failure = json.loads(line.removeprefix(FAILED))
            else:
                say(line.rstrip("\n"))
        code = process.wait()
    except KeyboardInterrupt:
        raise BenchFailed(STOPPED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process is not None:
            _stop(process)
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if failure:
        raise BenchFailed(failure)
    if code == INTERRUPTED:
        raise BenchFailed(STOPPED)
    if code:
        raise BenchFailed(f"The bench stopped with exit status {code}; its messages are above.")
