"""``newsdesk newsletter_benchmark`` at a tiny size: it sends, counts and measures (no timing
asserted: that is the benchmark's job)."""

import pytest

from newsdesk.benchmarks import newsletters

pytestmark = [pytest.mark.heavy]


def test_the_newsletter_benchmark_sends_every_message_through_its_sink(throwaway_site):
    site = throwaway_site("newsletter-bench")

    (result,) = newsletters.measure(
        [20], 2, progress=lambda line: None, site_environment=site.environment
    )

    assert (result.subscribers, result.received) == (20, 20)
    assert result.rate > 0
    assert result.peak_rss_mb > 10
