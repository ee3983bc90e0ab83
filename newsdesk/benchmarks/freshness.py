"""Publish-to-visible: how long after an editor publishes a story readers can see it.

Each trial publishes a new story (a draft made beforehand, so only the publish
is timed) in the site's own database, then asks the server for the front page
and for an existing story, again and again, until both show the new headline:
the front page in its list, the story in its "Latest developments" box.
"""

import http.client
import time
from html import escape

from .load import summarise

GIVE_UP_SECONDS = 10


def visible_after(port, paths, headline, started):
    """Seconds from ``started`` until every one of ``paths`` shows ``headline``.

    ``None`` if one of them still does not after ``GIVE_UP_SECONDS``. A request
    that fails or times out is asked again.
    """
    wanted = escape(headline).encode()
    waiting = list(paths)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GIVE_UP_SECONDS)
    try:
        while waiting:
            if time.perf_counter() - started > GIVE_UP_SECONDS:
                return None
            try:
                connection.request("GET", waiting[0])
                page = connection.getresponse().read()
            except (OSError, http.client.HTTPException):
                connection.close()
                continue
            if wanted in page:
                waiting.pop(0)
    finally:
        connection.close()
    return time.perf_counter() - started


def publish_to_visible(port, paths, trials, draft, headline):
    """Time ``trials`` publishes until ``paths`` show them; returns the ``Measurement``.

    ``draft(number)`` saves story ``number`` as a draft and returns its revision;
    ``headline(number)`` is that story's headline. A trial that is never seen
    counts as an error.
    """
    latencies, unseen = [], 0
    begun = time.monotonic()
    for number in range(1, trials + 1):
        revision = draft(number)
        started = time.perf_counter()
        revision.publish()
        seconds = visible_after(port, paths, headline(number), started)
        if seconds is None:
            unseen += 1
        else:
            latencies.append(seconds)
    return summarise(latencies, time.monotonic() - begun, unseen)
