"""One server at a time holds the scheduler's lease, and a survivor takes it over."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.core import lease as lease_module
from newsdesk.core.lease import Lease, keep
from newsdesk.core.models import Lease as LeaseRow
from newsdesk.core.tests.test_scheduler import StopAfterRounds

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def server(name, seconds=30):
    return Lease("scheduler", seconds, holder=name)


def holder_on_record():
    return LeaseRow.objects.get(name="scheduler").holder


def holder_dies_and_its_lease_runs_out():
    LeaseRow.objects.update(expires_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_servers_asking_at_the_same_moment_exactly_one_gets_the_lease():
    contenders = [server(f"machine-{number}") for number in range(6)]
    all_ready = threading.Barrier(len(contenders))
    answers = {}

    def ask(contender):
        try:
            all_ready.wait()
            answers[contender.holder] = contender.take()
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(contender,)) for contender in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [holder for holder, taken in answers.items() if taken]
    assert len(answers) == len(contenders)
    assert winners == [holder_on_record()]
    assert [contender.holder for contender in contenders if contender.held()] == winners


def test_the_holder_renews_its_lease_and_the_others_are_refused_meanwhile():
    first, second = server("machine-a"), server("machine-b")
    assert first.take()
    expires_at = LeaseRow.objects.get().expires_at

    assert not second.take()
    assert first.take()

    assert LeaseRow.objects.get().expires_at > expires_at
    assert not second.take()
    assert (first.held(), second.held()) == (True, False)
    assert holder_on_record() == "machine-a"


def test_the_lease_runs_out_its_length_after_the_last_renewal_on_the_databases_clock():
    holder = server("machine-a", seconds=45)
    before = timezone.now()
    holder.take()
    after = timezone.now()

    expires_at = LeaseRow.objects.get().expires_at
    # The database's clock and this process's agree on this machine, within a second.
    assert before + timedelta(seconds=44) <= expires_at <= after + timedelta(seconds=46)


def test_a_survivor_takes_the_lease_over_once_the_holder_stops_renewing_it():
    dead, survivor = server("machine-a"), server("machine-b")
    dead.take()
    assert not survivor.take()

    holder_dies_and_its_lease_runs_out()

    assert survivor.take()
    assert holder_on_record() == "machine-b"


def test_a_holder_that_lost_the_lease_hears_so_at_its_next_renewal_and_stops_at_once(caplog):
    slow, survivor = server("machine-a"), server("machine-b")
    slow.take()
    holder_dies_and_its_lease_runs_out()  # the holder stalled past its lease
    survivor.take()

    assert not slow.take()

    assert not slow.held()
    assert "machine-a lost the lease 'scheduler' to another server" in caplog.text
    assert holder_on_record() == "machine-b"


def test_a_holder_stops_counting_the_lease_as_its_own_once_its_length_has_passed():
    holder = server("machine-a", seconds=30)
    with mock.patch.object(lease_module.time, "monotonic", return_value=1000.0):
        holder.take()
    with mock.patch.object(lease_module.time, "monotonic", return_value=1029.9):
        assert holder.held()
    with mock.patch.object(lease_module.time, "monotonic", return_value=1030.0):
        assert not holder.held()


def test_a_released_lease_is_taken_by_the_next_server_without_waiting():
    leaving, staying = server("machine-a"), server("machine-b")
    leaving.take()

    leaving.release()

    assert not leaving.held()
    assert staying.take()
    assert holder_on_record() == "machine-b"


def test_the_keeper_logs_a_failed_renewal_and_renews_on_the_next_try(caplog):
    holder = server("machine-a")
    with mock.patch.object(
        holder, "take", side_effect=[True, RuntimeError("database away"), True]
    ) as take:
        keep(holder, StopAfterRounds(3))
    assert take.call_count == 3
    assert "Could not take or renew the lease 'scheduler'" in caplog.text
