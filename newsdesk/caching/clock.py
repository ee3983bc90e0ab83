"""When each kind of page last went stale: the clock every cached page is checked against.

Every invalidation takes the next number of one counter (the *sequence*) and
writes it into the slot of each tag it names; a tag is hashed to one of
``SLOTS`` slots. A page remembers the sequence number read just before its data
was read from the database. It is still good while none of its tags' slots holds
a later number. So a render racing a publish is never kept: the publish commits,
then moves the clock, and any render that started earlier carries an earlier
number. Two tags sharing a slot only ever cost a needless render.

``LocalClock`` keeps the numbers in a small file mapped into every worker's
memory on one machine, so checking a page is a few array reads and a publish is
seen by every worker at once. ``RedisClock`` shares them between machines
through Redis: each process copies the changes at most ``poll_interval``
seconds apart, so a page is stale for at most that long.
"""

import fcntl
import hashlib
import mmap
import os
import time
from array import array
from pathlib import Path

SLOTS = 1 << 18
SEQUENCE = 0  # slot 0 holds the counter itself; tags hash to 1..SLOTS-1
SLOT_BYTES = 8


def slot_of(tag):
    """The slot in which ``tag``'s last invalidation is kept (the same in every process)."""
    digest = hashlib.blake2b(tag.encode(), digest_size=8).digest()
    return 1 + int.from_bytes(digest, "little") % (SLOTS - 1)


class LocalClock:
    """The clock in a file under the data folder, mapped into memory by every process."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "a+b")  # kept open for the life of the mapping
        size = SLOTS * SLOT_BYTES
        if os.fstat(self._file.fileno()).st_size < size:
            self._file.truncate(size)
        self._map = mmap.mmap(self._file.fileno(), size)
        self.slots = memoryview(self._map).cast("Q")

    def now(self):
        """The current sequence number: read it before reading what a page shows."""
        return self.slots[SEQUENCE]

    def sync(self):
        """Nothing to fetch: every process maps the same numbers."""

    def invalidate(self, tags):
        """Mark every page carrying one of ``tags`` stale, in every process on this machine."""
        with open(self.path, "r+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            sequence = self.slots[SEQUENCE] + 1
            for tag in tags:
                self.slots[slot_of(tag)] = sequence
            # Published last, so a reader who sees the new number also sees the slots.
            self.slots[SEQUENCE] = sequence
        return sequence


class RedisClock:
    """The clock kept in Redis for several machines, copied into each process's memory."""

    LOG_KEPT = 10_000
    # Atomic, so a reader who sees a sequence number also finds its log entry.
    BUMP = """
        local sequence = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], sequence, sequence .. ':' .. ARGV[1])
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[2]) - 1)
        return sequence
    """

    RAISE = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
    """

    def __init__(self, url, poll_interval=0.2, namespace="newsdesk:pagecache"):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.log_key, self.sequence_key = f"{namespace}:log", f"{namespace}:sequence"
        self.poll_interval = poll_interval
        self.slots = array("Q", bytes(SLOTS * SLOT_BYTES))
        self._seen = self._read_sequence()
        self.slots[SEQUENCE] = self._seen
        self._next_poll = 0.0

    def _read_sequence(self):
        return int(self.redis.get(self.sequence_key) or 0)

    def now(self):
        self.sync()
        return self.slots[SEQUENCE]

    def sync(self):
        """Copy the invalidations made anywhere since the last look, at most every poll interval."""
        moment = time.monotonic()
        if moment < self._next_poll:
            return
        self._next_poll = moment + self.poll_interval
        latest = self._read_sequence()
        if latest == self._seen:
            return
        if latest < self._seen:
            # Redis lost the counter (a restart without persistence, a failover): what
            # it logs now would look older than what we kept, so keep nothing.
            self.redis.eval(self.RAISE, 1, self.sequence_key, self._seen + 1)
            self._forget_everything(self._seen + 1)
            self._seen = self.slots[SEQUENCE] = self._seen + 1
            return
        entries = self.redis.zrangebyscore(self.log_key, self._seen + 1, latest, withscores=True)
        if len(entries) < latest - self._seen:
            self._forget_everything(latest)  # the log was trimmed past what we saw
        for member, score in entries:
            sequence = int(score)
            for slot in member.decode().partition(":")[2].split(","):
                if slot:
                    self.slots[int(slot)] = sequence
        self._seen = latest
        self.slots[SEQUENCE] = latest

    def _forget_everything(self, latest):
        for index in range(1, SLOTS):
            self.slots[index] = latest

    def invalidate(self, tags):
        """Mark every page carrying one of ``tags`` stale, on every machine."""
        slots = ",".join(str(slot_of(tag)) for tag in tags)
        sequence = int(
            self.redis.eval(self.BUMP, 2, self.sequence_key, self.log_key, slots, self.LOG_KEPT)
        )
        self._next_poll = 0.0
        self.sync()
        return sequence


def still_good(slots, table, sequence):
    """Has none of ``slots`` been invalidated after ``sequence``?"""
    for slot in slots:
        if table[slot] > sequence:
            return False
    return True
