"""The figures the bench prints: wrk's summary, percentiles, load generators and targets."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from newsdesk.benchmarks import crowd, report
from newsdesk.benchmarks.load import (
    UNCACHED_QUERY,
    Measurement,
    PythonLoad,
    Target,
    Wrk,
    find_wrk,
    parse_wrk,
    summarise,
)

# What wrk 4.1 prints with the bench's script: its own table, then our hook's line.
WRK_OUTPUT = """\
Running 1s test @ http://127.0.0.1:23456/news/generated-story-1/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.01s   142.51ms   1.29s    75.00%
    Req/Sec    10.00      5.00    20.00     60.00%
  68 requests in 1.04s, 1.88MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     65.48
Transfer/sec:      1.81MB
NEWSDESK-BENCH {"requests": 68, "microseconds": 1040000, "refused": 3, "failed": 3, \
"p50_us": 900490, "p99_us": 1290170}
"""


def test_wrk_figures_come_from_the_summary_line_with_refusals_counted_as_errors():
    measured = parse_wrk(WRK_OUTPUT)

    assert measured == Measurement(
        requests=65, seconds=1.04, p50_ms=900.49, p99_ms=1290.17, errors=6
    )
    assert measured.rate == pytest.approx(62.5)


def test_wrk_output_without_the_summary_line_is_an_error_quoting_it():
    with pytest.raises(ValueError, match="wrk printed no summary:\nunable to connect"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_percentiles_are_nearest_rank_in_milliseconds():
    latencies = [n / 1000 for n in range(100, 0, -1)]  # 1 ms to 100 ms, in seconds

    measured = summarise(latencies, seconds=4.0, errors=2)

    assert measured.p50_ms == pytest.approx(50)
    assert measured.p99_ms == pytest.approx(99)
    assert measured.rate == 25
    assert measured.errors == 2
    assert summarise([0.003], seconds=1).p99_ms == pytest.approx(3)
    assert summarise([], seconds=1) == Measurement(0, 1, 0.0, 0.0, 0)


class Pages(BaseHTTPRequestHandler):
    """A tiny keep-alive site that remembers every path and query asked for."""

    protocol_version = "HTTP/1.1"
    asked = []

    def do_GET(self):
        self.asked.append(self.path)
        status = 404 if self.path.startswith("/missing") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        """Quiet: the test reads what was asked, not a log."""


@pytest.fixture
def pages():
    Pages.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def load_generators(tmp_path):
    generators = [PythonLoad()]
    if program := find_wrk():
        generators.append(Wrk(program, tmp_path, threads=2))
    return generators


def test_every_page_is_asked_for_in_turn_each_time_with_its_own_number(pages, tmp_path):
    paths = [f"/news/story-{n}/" for n in range(5)]
    for load in load_generators(tmp_path):
        Pages.asked = []

        measured = load.measure(Target.every_page(pages, paths), seconds=1, connections=2)

        asked = [urlsplit(path) for path in Pages.asked]
        assert measured.requests >= len(paths), load.describe()
        assert {path.path for path in asked} == set(paths), load.describe()
        queries = [path.query for path in asked]
        assert all(query.startswith(f"{UNCACHED_QUERY}=") for query in queries)
        assert len(set(queries)) == len(queries), load.describe()


def test_refused_answers_are_errors_not_requests(pages, tmp_path):
    for load in load_generators(tmp_path):
        measured = load.measure(Target.same_page(pages, "/missing"), seconds=1, connections=2)

        assert measured.requests == 0, load.describe()
        assert measured.errors > 0, load.describe()


def test_a_comment_acknowledged_but_missing_or_stored_twice_is_not_none_lost():
    posting = crowd.Posting(acknowledged={"first": 1, "second": 2, "third": 3})
    stored = {"first": [1], "second": [2, 5], "never sent back": [4]}

    audit = crowd.audit(posting, stored)

    assert audit == crowd.Audit(acknowledged=3, stored=4, lost=1, doubled=1, unacknowledged=1)
    assert not audit.none_lost
    assert crowd.audit(posting, {"first": [1], "second": [2], "third": [3]}).none_lost


def test_targets_are_met_or_missed_and_not_judged_without_a_baseline():
    static = Measurement(requests=50_000, seconds=1, p50_ms=0.5, p99_ms=2)
    cached = Measurement(requests=30_000, seconds=1, p50_ms=1, p99_ms=4)
    slow = Measurement(requests=29_999, seconds=1, p50_ms=1, p99_ms=4)

    assert str(report.cached_verdict(cached, static)) == "2 >= 60% of 1: met"
    assert str(report.cached_verdict(slow, static)) == "2 >= 60% of 1: missed"
    assert str(report.cached_verdict(cached, None)) == "2 >= 60% of 1: not judged"
    assert report.ratio_line(cached, static) == "Cached hits / static file (2 / 1): 0.60"
    fast_renders = Measurement(requests=5_000, seconds=10, p50_ms=9.9, p99_ms=30)
    assert report.uncached_verdict(fast_renders).met
    assert not report.uncached_verdict(Measurement(4_990, 10, 9.9, 30)).met
    assert not report.uncached_verdict(Measurement(5_000, 10, 10.1, 30)).met


def test_publishing_counts_as_visible_only_when_every_trial_showed_within_a_second():
    assert report.freshness_verdict(Measurement(10, 5, 150, 999)).met
    assert not report.freshness_verdict(Measurement(10, 5, 150, 1001)).met
    assert not report.freshness_verdict(Measurement(9, 5, 150, 300, errors=1)).met


def test_comments_need_the_rate_and_none_lost():
    fast = Measurement(requests=3_000, seconds=10, p50_ms=20, p99_ms=80)
    kept = crowd.Audit(acknowledged=3_000, stored=3_000, lost=0, doubled=0, unacknowledged=0)
    lost_one = crowd.Audit(acknowledged=3_000, stored=2_999, lost=1, doubled=0, unacknowledged=0)

    assert report.comments_verdict(fast, kept).met
    assert not report.comments_verdict(fast, lost_one).met
    assert not report.comments_verdict(Measurement(2_990, 10, 20, 80), kept).met


def test_a_line_with_nothing_answered_shows_no_latency_rather_than_zero():
    line = report.figures_line(4, "front page", Measurement(0, 10, 0.0, 0.0))

    assert line.split()[-4:] == ["0", "-", "-", "0"]
