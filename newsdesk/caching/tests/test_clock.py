"""The clock every kept page is checked against, shared by workers and by machines."""

import uuid

import pytest
import redis

from newsdesk.caching.clock import LocalClock, RedisClock, slot_of, still_good

REDIS_URL = "redis://127.0.0.1:6379/15"


def test_an_invalidation_in_one_worker_is_seen_by_another_at_once(tmp_path):
    publisher, reader = LocalClock(tmp_path / "clock"), LocalClock(tmp_path / "clock")
    page_slots = (slot_of("story:7"), slot_of("site"))
    rendered_at = reader.now()
    assert still_good(page_slots, reader.slots, rendered_at)

    publisher.invalidate(["story:7"])

    assert not still_good(page_slots, reader.slots, rendered_at)
    assert still_good(page_slots, reader.slots, reader.now())
    assert still_good((slot_of("story:8"),), reader.slots, rendered_at)


def test_a_page_rendered_while_a_publish_commits_is_never_kept_as_fresh(tmp_path):
    clock = LocalClock(tmp_path / "clock")
    started = clock.now()  # the render reads the clock, then the database
    clock.invalidate(["stories"])  # a publish commits meanwhile
    assert not still_good((slot_of("stories"),), clock.slots, started)


@pytest.fixture
def redis_keys():
    client = redis.Redis.from_url(REDIS_URL)
    prefix = f"newsdesk-test-{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def redis_clock(prefix):
    return RedisClock(REDIS_URL, poll_interval=0, namespace=prefix)


def test_an_invalidation_on_one_machine_reaches_the_others_through_redis(redis_keys):
    publisher, reader = redis_clock(redis_keys), redis_clock(redis_keys)
    rendered_at = reader.now()

    publisher.invalidate(["story:7", "stories"])
    reader.sync()

    assert not still_good((slot_of("story:7"),), reader.slots, rendered_at)
    assert not still_good((slot_of("stories"),), reader.slots, rendered_at)
    assert still_good((slot_of("story:8"),), reader.slots, rendered_at)


def test_a_machine_that_fell_behind_the_trimmed_log_forgets_everything(redis_keys):
    publisher, reader = redis_clock(redis_keys), redis_clock(redis_keys)
    publisher.LOG_KEPT = 2
    rendered_at = reader.now()
    for number in range(5):
        publisher.invalidate([f"story:{number}"])
    reader.sync()
    assert not still_good((slot_of("story:99"),), reader.slots, rendered_at)


def test_a_redis_that_lost_its_counter_makes_every_kept_page_stale(redis_keys):
    clock = redis_clock(redis_keys)
    for number in range(3):
        clock.invalidate([f"story:{number}"])
    rendered_at = clock.now()
    redis.Redis.from_url(REDIS_URL).delete(clock.sequence_key, clock.log_key)  # a restart

    clock.sync()
    clock.invalidate(["story:7"])  # numbered from scratch by Redis, were it not noticed
    clock.sync()

    assert not still_good((slot_of("story:7"),), clock.slots, rendered_at)
    assert not still_good((slot_of("story:8"),), clock.slots, rendered_at)
    assert clock.now() > rendered_at
