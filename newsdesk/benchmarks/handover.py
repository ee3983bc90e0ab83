"""What a benchmark's scratch process hands back to the command that started it.

The measuring runs in a fresh interpreter on a throwaway database; its last
line of output is one JSON object with the engine, the timings or the error.
"""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict

# The hidden option that tells a benchmark command it is the scratch process.
SCRATCH_FLAG = "--in-scratch"


def run_in_scratch(command, arguments, database_url=None, **environment):
    """Run ``newsdesk COMMAND ARGUMENTS`` as the scratch process, on a throwaway data folder
    and tools settings, on ``database_url`` if given (never the caller's own database).

    ``environment`` adds variables. Returns the finished process: its progress bars
    and any traceback go to this process's error stream as they come, its report
    (``to_json``) comes back on its standard output.
    """
    with tempfile.TemporaryDirectory(prefix=f"newsdesk-{command.replace('_', '-')}-") as data_dir:
        scratch = {
            **os.environ,
            "NEWSDESK_DATA_DIR": data_dir,
            "NEWSDESK_DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.tools",
            **environment,
        }
        scratch.pop("DATABASE_URL", None)
        if database_url:
            scratch["DATABASE_URL"] = database_url
        return subprocess.run(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "newsdesk", command, SCRATCH_FLAG, *arguments],
            env=scratch,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )


def to_json(engine_name=None, timings=(), error=None):
    """What the scratch process reports back: the timings, or why it stopped."""
    return json.dumps(
        {"engine": engine_name, "timings": [asdict(t) for t in timings], "error": error}
    )


def from_json(text, timing):
    """``(engine, timings, error)`` from the scratch process's last line of output,
    each timing made with the dataclass ``timing``."""
    lines = text.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {}
    timings = [timing(**fields) for fields in report.get("timings", [])]
    return report.get("engine"), timings, report.get("error")
