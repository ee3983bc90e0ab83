"""What a benchmark's scratch process hands back to the command that started it.

The measuring runs in a fresh interpreter on a throwaway database; its last
line of output is one JSON object with the engine, the timings or the error.
"""

import json
from dataclasses import asdict


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
