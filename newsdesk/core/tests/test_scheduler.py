"""The scheduler publishes on time and runs apps' periodic jobs, on the server holding the lease."""

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from newsdesk.core import scheduler
from newsdesk.core.lease import Lease
from newsdesk.core.models import PeriodicJobRun
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article, make_author, make_category

pytestmark = pytest.mark.engine


class StopAfterRounds(threading.Event):
    """A stop event that is set after ``rounds`` waits, so the loop runs without sleeping."""

    def __init__(self, rounds):
        super().__init__()
        self.rounds = rounds

    def wait(self, timeout=None):
        self.rounds -= 1
        if self.rounds <= 0:
            self.set()
        return self.is_set()


class FixedLease:
    """A lease that this server holds, or not, whatever the database says."""

    seconds = 30

    def __init__(self, held):
        self._held = held

    def held(self):
        return self._held


def daily_job(**behaviour):
    job = mock.Mock(**behaviour)
    job.__module__, job.__qualname__ = "newsdesk.privacy.retention", "clear_old_ip_addresses"
    return job


@pytest.mark.django_db
def test_scheduler_publishes_a_story_once_its_go_live_time_has_passed(client):
    story = make_article(
        "Embargoed budget", category=make_category(), authors=[make_author()], publish=False
    )
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    story.save_revision().publish()
    assert not ArticlePage.objects.get(pk=story.pk).live

    scheduler.publish_due()
    assert not ArticlePage.objects.get(pk=story.pk).live

    six_minutes_later = timezone.now() + timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=six_minutes_later):
        scheduler.publish_due()
    assert ArticlePage.objects.get(pk=story.pk).live
    assert client.get(story.url).status_code == 200


def test_a_failed_round_is_logged_and_the_scheduler_carries_on(caplog):
    with (
        mock.patch.object(
            scheduler, "publish_due", side_effect=[RuntimeError("database away"), ""]
        ) as publish_due,
        mock.patch.object(scheduler, "close_old_connections") as drop_stale_connections,
        mock.patch.object(scheduler.time, "monotonic", side_effect=[0, 30]),
    ):
        scheduler.run(StopAfterRounds(2), FixedLease(held=True), interval=30, jobs=[])
    assert publish_due.call_count == 2
    assert drop_stale_connections.call_count == 2
    assert "Publishing scheduled pages failed" in caplog.text


def test_a_server_without_the_lease_publishes_nothing_and_runs_no_job():
    job = daily_job()
    with mock.patch.object(scheduler, "publish_due") as publish_due:
        scheduler.run(StopAfterRounds(3), FixedLease(held=False), interval=30, jobs=[job])
    assert publish_due.call_count == 0
    assert job.call_count == 0


@pytest.mark.django_db
def test_a_periodic_job_runs_at_first_then_once_per_interval_and_retries_after_a_failure(caplog):
    job = daily_job(side_effect=[None, RuntimeError("database away"), None])
    start = timezone.now()
    rounds = [start, start + timedelta(hours=1), start + timedelta(days=1)]
    rounds.append(start + timedelta(days=1, seconds=30))
    for moment in rounds:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            scheduler.run_due_jobs([(timedelta(days=1), job)], still_ours=lambda: True)
    assert job.call_count == 3
    assert "Periodic job clear_old_ip_addresses failed" in caplog.text
    assert PeriodicJobRun.objects.get().started_at == rounds[-1]


@pytest.mark.django_db
def test_a_server_taking_over_runs_a_job_when_it_is_due_not_again_at_once():
    job = daily_job()
    PeriodicJobRun.objects.create(
        job="newsdesk.privacy.retention.clear_old_ip_addresses",
        started_at=timezone.now() - timedelta(hours=5),
    )
    scheduler.run_due_jobs([(timedelta(days=1), job)], still_ours=lambda: True)
    assert job.call_count == 0


@pytest.mark.django_db
def test_a_server_that_lost_the_lease_starts_no_further_job():
    first, second = daily_job(), daily_job()
    second.__qualname__ = "send_the_morning_newsletter"
    answers = iter([True, False])
    scheduler.run_due_jobs(
        [(timedelta(days=1), first), (timedelta(days=1), second)], still_ours=lambda: next(answers)
    )
    assert (first.call_count, second.call_count) == (1, 0)


def test_apps_offer_their_periodic_jobs_through_a_hook():
    jobs = scheduler.periodic_jobs()
    assert jobs
    assert all(isinstance(interval, timedelta) and callable(job) for interval, job in jobs)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_server_stopping_cleanly_hands_the_lease_to_the_next_at_once():
    leaving = scheduler.Scheduler(Lease("scheduler", 30, holder="machine-a"), interval=30, jobs=[])
    with mock.patch.object(scheduler, "publish_due") as publish_due:
        leaving.start()
        deadline = time.monotonic() + 10
        while not publish_due.called and time.monotonic() < deadline:
            time.sleep(0.05)
        leaving.stop()

    assert publish_due.call_count == 1
    assert not leaving.lease.held()
    assert Lease("scheduler", 30, holder="machine-b").take()
