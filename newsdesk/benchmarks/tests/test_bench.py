"""``newsdesk bench`` runs end to end, reports every line, and leaves nothing behind."""

import re
import socket
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.benchmarks import measure, nginx, percore, report
from newsdesk.benchmarks.management.commands.bench import Command
from newsdesk.benchmarks.scratch import Options, scratch_environment
from newsdesk.benchmarks.server import serving
from newsdesk.testing.sites import ServerFailed

NUMBER = r"[\d,]+"
MS = r"\d+\.\d\d"


def figures(number, label):
    """A report line with a rate, p50 and p99 in milliseconds, and no errors."""
    return re.compile(rf"^{number}\. {re.escape(label)}\s+{NUMBER}\s+{MS}\s+{MS}\s+0\s", re.M)


def processes_started_in(folder):
    """Pids of running processes whose environment names ``folder``: the bench's servers."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if str(folder).encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def bench(*arguments):
    out = StringIO()
    call_command(Command(), *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def bench_folder(tmp_path, monkeypatch):
    """The folder the bench makes its throwaway site in, for the test to look at."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.heavy
def test_a_short_run_reports_every_line_stores_every_comment_and_leaves_nothing_running(
    bench_folder,
):
    output = bench(
        *("--articles", "30", "--duration", "1", "--passes", "1"),
        *("--connections", "8", "--publish-trials", "3"),
        *("--live-readers", "20", "--live-seconds", "3"),
    )

    if nginx.find_nginx():
        assert figures(1, measure.NGINX_LABEL).search(output), output
        assert re.search(r"^Cached hits / static file \(2 / 1\): \d+\.\d\d$", output, re.M)
    else:
        assert "apt-get install -y nginx" in output, output
    assert figures(2, "cached article hits").search(output), output
    assert figures(3, "uncached article renders").search(output), output
    assert figures(4, "front page").search(output), output
    assert figures(5, "comment posts (32 clients)").search(output), output
    assert re.search(r"^6\. publish to visible \(3 trials\)\s+-\s+", output, re.M), output
    assert "<= 1 s: " in output
    first_readers = r"^10\. first readers of a new photo \(32\)\s+-\s+\d+\.\d\d\s+\d+\.\d\d\s+0  "
    assert re.search(first_readers, output, re.M), output
    assert re.search(r"publishing it took \d+\.\d\d s .* background work \d+\.\d\d s", output)
    primed = r"^ +32 of 32 answered from the page cache; the same crowd again: p50 \d+\.\d\d ms"
    assert re.search(primed, output, re.M), output
    assert re.search(r"hero on a 390 px phone at 3x: \d+\.\d KB \(.*\.webp\)", output), output
    assert figures(11, "live coverage (20 readers)").search(output), output
    assert re.search(r"^ +checks at full speed: [\d,]+/s ", output, re.M), output
    assert re.search(r"^Lines 1-6: .* each in a session of its own", output, re.M), output
    assert_per_core_lines(output)
    posted = re.search(r"([\d,]+) acknowledged, ([\d,]+) stored: none lost", output)
    assert posted, output
    acknowledged, stored = posted.groups()
    assert int(acknowledged) > 0
    assert acknowledged == stored
    assert processes_started_in(bench_folder) == []
    assert list(bench_folder.iterdir()) == []


def assert_per_core_lines(output):
    """Lines 7-9: nginx, the bare WSGI floor and cached hits, each server on a CPU of its own."""
    if percore.cores() is None:
        assert "Per core (lines 7-9): skipped, this machine has one CPU" in output
        return
    regime = (
        r"^Per core \(lines 7-9\): load from wrk, 1 thread on CPU \d+; "
        r"each server on CPU \d+ with one worker, in a session of its own; "
        r"measured in turn, pass after pass$"
    )
    assert re.search(regime, output, re.M), output
    if nginx.find_nginx():
        assert figures(7, percore.LABELS[7]).search(output), output
    assert figures(8, percore.LABELS[8]).search(output), output
    assert figures(9, percore.LABELS[9]).search(output), output
    assert "9 >= 85% of 8: " in output
    assert len(re.findall(r"server CPU per answer: \d+\.\d µs, [\d,]+ a second", output)) >= 2
    ratios = r"^Per core: cached hits / floor \(9 / 8\): \d+\.\d\d by rate, \d+\.\d\d by CPU"
    assert re.search(ratios, output, re.M), output


def test_without_nginx_the_baseline_is_skipped_with_how_to_get_it(tmp_path):
    said = []
    options = Options(
        articles=1, duration=1, passes=1, connections=1, render_connections=1, workers=1,
        commenters=1, publish_trials=1, nginx=str(tmp_path / "no-nginx"), wrk="wrk",
    )  # fmt: skip

    static = measure.measure_static(None, options, tmp_path, "/news/a/", b"<p>", None, said.append)

    assert static is None
    assert said == [
        f"1. {measure.NGINX_LABEL:<{report.LABEL_WIDTH}}skipped: nginx not found at "
        f"{tmp_path / 'no-nginx'}; install it with `apt-get install -y nginx` (Debian, Ubuntu) "
        "and run the bench again"
    ]


@pytest.mark.heavy
def test_a_server_that_cannot_start_is_reported_with_the_end_of_its_log(tmp_path):
    environment = scratch_environment(tmp_path / "data")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(ServerFailed, match=f"(?s)exited with status 1.*Port {port}"):
            with serving(environment, port, 1, tmp_path / "serve.log", "/"):
                pytest.fail("the server should not have started")


def test_the_bench_says_in_one_line_why_it_cannot_run_and_removes_its_folder(bench_folder):
    with pytest.raises(CommandError, match=r"^Database error: .+"):
        bench("--articles", "1", "--database-url", "postgres://nobody@127.0.0.1:1/nothing")
    assert list(bench_folder.iterdir()) == []


def test_the_command_refuses_counts_below_one():
    with pytest.raises(CommandError, match="must be 1 or more"):
        bench("--connections", "0")
