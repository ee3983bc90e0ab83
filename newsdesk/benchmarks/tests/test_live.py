"""The bench's live line at a tiny size: readers' pages follow a live story behind the page
cache while a reporter posts, and every page ends up with every update (no timing asserted)."""

import pytest

from newsdesk.benchmarks import live
from newsdesk.caching.tests.conftest import cached_site  # noqa: F401  (the site behind its cache)
from newsdesk.news.tests.builders import make_article


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_reader_following_a_live_story_sees_each_update_posted(cached_site):  # noqa: F811
    make_article("Storm on the coast road")
    story = live.live_story(initial_updates=1)

    followed = live.follow(
        cached_site.port,
        f"/live/{story.pk}/updates/",
        live.poster(story),
        readers=12,
        seconds=4,
        interval=1,
        every=1,
    )

    assert followed.errors == 0
    assert {check.reader for check in followed.checks} == set(range(12))
    assert len(followed.posts) >= 1
    seen = followed.seen_by_everyone()
    assert len(seen) == len(followed.posts) and None not in seen
    newest = followed.posts[-1].update_id
    assert newest == story.live_updates.latest("posted_at").pk
    assert any(check.newest == newest for check in followed.checks)
    assert 0 < followed.hit_share() < 1
