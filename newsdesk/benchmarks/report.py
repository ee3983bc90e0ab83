"""The bench's report: a line of figures per measurement, with the issue's target beside it.

A missed target is reported, never raised: the bench measures, the test suite
judges correctness.
"""

from dataclasses import dataclass

# The targets of issue 5, for a two-core machine with the load generator on it.
CACHED_SHARE_OF_STATIC = 0.6
# Issue 12's, per core: cached hits against a bare WSGI callable on the same server.
CACHED_SHARE_OF_FLOOR = 0.85
UNCACHED_P50_MS = 10
UNCACHED_RATE = 500
COMMENT_RATE = 300
VISIBLE_MS = 1000
# Issue 14's: the first readers of a story with a new photo, against cached hits.
FIRST_READERS_SHARE_OF_CACHED = 2
PHONE_HERO_KB = 60
# Issue 16's: live pages' checks at the cached-article share of nginx, and every
# reader with each update within its check interval and a second.
LIVE_CHECKS_SHARE_OF_STATIC = 0.6
LIVE_GRACE_SECONDS = 1

LABEL_WIDTH = 36
HEADER = f"{'':<{LABEL_WIDTH + 3}}{'per s':>9}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}  target"


@dataclass(frozen=True)
class Verdict:
    """A target, and whether the figures met it (``None``: nothing to judge it by)."""

    target: str
    met: bool | None

    def __str__(self):
        outcome = {True: "met", False: "missed", None: "not judged"}[self.met]
        return f"{self.target}: {outcome}"


def cached_verdict(cached, static):
    """Cached hits must reach 60% of what nginx serves from a file."""
    target = f"2 >= {CACHED_SHARE_OF_STATIC:.0%} of 1"
    if static is None or not static.rate:
        return Verdict(target, None)
    return Verdict(target, cached.rate >= CACHED_SHARE_OF_STATIC * static.rate)


def floor_verdict(hits, floor):
    """Per core, cached hits must reach 85% of what a bare WSGI callable answers."""
    target = f"9 >= {CACHED_SHARE_OF_FLOOR:.0%} of 8"
    if not floor.rate:
        return Verdict(target, None)
    return Verdict(target, hits.rate >= CACHED_SHARE_OF_FLOOR * floor.rate)


def uncached_verdict(uncached):
    """An uncached render: p50 of 10 ms or less, at 500 requests a second or more."""
    target = f"p50 <= {UNCACHED_P50_MS} ms and >= {UNCACHED_RATE} req/s"
    met = bool(uncached.requests) and uncached.p50_ms <= UNCACHED_P50_MS
    return Verdict(target, met and uncached.rate >= UNCACHED_RATE)


def comments_verdict(posted, audit):
    """300 acknowledged comments a second or more, every one of them stored once."""
    target = f">= {COMMENT_RATE} comments/s, none lost"
    return Verdict(target, posted.rate >= COMMENT_RATE and audit.none_lost)


def freshness_verdict(visible):
    """Every published story visible within a second."""
    met = bool(visible.requests) and not visible.errors and visible.p99_ms <= VISIBLE_MS
    return Verdict(f"<= {VISIBLE_MS / 1000:.0f} s", met)


def first_readers_verdict(first, cached):
    """The first readers' p99 within twice the cached hits' p99 of the same run."""
    target = f"p99 <= {FIRST_READERS_SHARE_OF_CACHED}x p99 of 2"
    if not (first.requests and cached.requests):
        return Verdict(target, None)
    met = not first.errors and first.p99_ms <= FIRST_READERS_SHARE_OF_CACHED * cached.p99_ms
    return Verdict(target, met)


def phone_hero_verdict(hero_bytes):
    """The hero as a 390-pixel phone downloads it: under 60 KB."""
    target = f"< {PHONE_HERO_KB} KB"
    if not hero_bytes:
        return Verdict(target, None)
    return Verdict(target, hero_bytes < PHONE_HERO_KB * 1024)


def live_seen_verdict(seen, interval):
    """Every reader has every update within its check interval plus a second."""
    limit = interval + LIVE_GRACE_SECONDS
    target = f"every reader has each update <= {limit:g} s"
    if not seen:
        return Verdict(target, None)
    return Verdict(target, None not in seen and max(seen) <= limit)


def live_rate_verdict(checks, static):
    """Checks at full speed reach 60% of nginx serving the same bytes as a file."""
    target = f">= {LIVE_CHECKS_SHARE_OF_STATIC:.0%} of nginx"
    if static is None or not static.rate:
        return Verdict(target, None)
    return Verdict(target, checks.rate >= LIVE_CHECKS_SHARE_OF_STATIC * static.rate)


def figures_line(number, label, measurement, verdict=None, with_rate=True):
    """``number. label`` with the rate, p50, p99 and errors, and the verdict if any.

    With nothing answered there is no latency to show: a dash, not a zero.
    """
    rate = f"{measurement.rate:>9,.0f}" if with_rate else f"{'-':>9}"
    if measurement.requests:
        latency = f"{measurement.p50_ms:>10.2f}{measurement.p99_ms:>10.2f}"
    else:
        latency = f"{'-':>10}{'-':>10}"
    return (
        f"{number}. {label:<{LABEL_WIDTH}}{rate}{latency}"
        f"{measurement.errors:>8,}  {verdict or ''}".rstrip()
    )


def skipped_line(number, label, reason):
    """``number. label`` and why it was not measured."""
    return f"{number}. {label:<{LABEL_WIDTH}}{reason}"


def note(text):
    """A line of detail under the line it belongs to."""
    return f"{'':<{LABEL_WIDTH + 3}}{text}"


def ratio_line(cached, static):
    """Cached hits as a share of the static file: how close the site comes to the limit."""
    if static is None or not static.rate:
        return "Cached hits / static file (2 / 1): not measured, no static baseline"
    return f"Cached hits / static file (2 / 1): {cached.rate / static.rate:.2f}"


def cpu_note(measurement):
    """The server's CPU time per answer, and the rate one core would reach at that cost."""
    cost = measurement.cpu_per_answer_us
    if cost is None:
        return note("server CPU per answer: not counted")
    return note(f"server CPU per answer: {cost:.1f} µs, {1e6 / cost:,.0f} a second per core")


def per_core_line(static, floor, hits):
    """Per core: cached hits against the floor and nginx, and the floor against nginx.

    Each share is given by the rates, and by the CPU time per answer, which a
    machine shared with other work does not change.
    """
    line = f"Per core: cached hits / floor (9 / 8): {_shares(hits, floor)}"
    if static is None or not static.rate:
        return line + "; nginx not measured"
    return (
        f"{line}; cached hits / nginx (9 / 7): {_shares(hits, static)}; "
        f"floor / nginx (8 / 7): {_shares(floor, static)}"
    )


def _shares(part, whole):
    by_rate = f"{part.rate / whole.rate:.2f}" if whole.rate else "-"
    if part.cpu_per_answer_us and whole.cpu_per_answer_us:
        return f"{by_rate} by rate, {whole.cpu_per_answer_us / part.cpu_per_answer_us:.2f} by CPU"
    return by_rate
