"""The bench inside its scratch process: ``python -m newsdesk.benchmarks.inside OPTIONS FOLDER``.

``scratch.run_in_scratch`` starts it with the throwaway site's environment and
reads its standard output: report lines, and on failure one last ``FAILED`` line.
"""

import json
import signal
import sys
from pathlib import Path

import django

from .scratch import FAILED, INTERRUPTED, BenchFailed, Options


def _stop_once(_signum, _frame):
    """The first Ctrl-C or SIGTERM stops the bench; later ones must not cut its clean-up short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def say(line):
    """One line to ``newsdesk bench``, at once: it is reading as the bench runs."""
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def main(arguments):
    """The bench inside the scratch process; returns its exit status."""
    signal.signal(signal.SIGINT, _stop_once)
    signal.signal(signal.SIGTERM, _stop_once)
    options = Options(**json.loads(arguments[0]))
    django.setup()
    from django.db import DatabaseError

    from newsdesk.testing.sites import ServerFailed

    from .measure import run

    try:
        run(options, Path(arguments[1]), say=say)
    except KeyboardInterrupt:
        return INTERRUPTED
    except (BenchFailed, ServerFailed) as error:
        say(FAILED + json.dumps(str(error)))
        return 1
    except DatabaseError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        say(FAILED + json.dumps(f"Database error: {message}"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
