"""Client IP addresses are kept only as long as the retention setting says, then cleared."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from wagtail import hooks

from newsdesk.news.tests.builders import make_article
from newsdesk.privacy.models import PrivacyRequest
from newsdesk.privacy.retention import clear_old_ip_addresses

from .builders import make_comment, personal_fields

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

CLEARED = {"ip_address": None, "client_network": "", "user_agent": ""}


def posted_days_ago(days, **fields):
    return make_comment(make_article(), created_at=timezone.now() - timedelta(days=days), **fields)


def client_details(comment):
    fields = personal_fields(comment)
    return {name: fields[name] for name in CLEARED}


def test_clearing_takes_the_client_details_of_comments_older_than_thirty_days_only():
    old, older = posted_days_ago(30, body="Old."), posted_days_ago(400)
    recent, today = posted_days_ago(29), posted_days_ago(0)
    held = client_details(recent)

    cleared = clear_old_ip_addresses(now=timezone.now() + timedelta(minutes=1))

    assert cleared == 2
    assert client_details(old) == client_details(older) == CLEARED
    assert client_details(recent) == client_details(today) == held
    old.refresh_from_db()
    assert (old.name, old.email, old.body) == ("Rosa Quill", "rosa@example.com", "Old.")


def test_the_retention_period_follows_the_setting(settings):
    settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS = 7
    week_old, six_days_old = posted_days_ago(8), posted_days_ago(6)

    assert clear_old_ip_addresses() == 1
    assert client_details(week_old) == CLEARED
    assert client_details(six_days_old)["ip_address"] == "203.0.113.7"


def test_clearing_is_logged_when_it_cleared_something_and_runs_again_without_repeating():
    posted_days_ago(45)
    posted_days_ago(60, ip_address=None, client_network="", user_agent="")

    assert clear_old_ip_addresses() == 1
    assert clear_old_ip_addresses() == 0

    entry = PrivacyRequest.objects.get()
    assert (entry.action, entry.comment_count, entry.masked_email) == ("clear_ips", 1, "")
    assert entry.requested_by_name == "command line"


@pytest.mark.parametrize("left", ["ip_address", "client_network", "user_agent"])
def test_an_old_comment_holding_any_one_client_detail_is_cleared(left):
    held = {"ip_address": "198.51.100.4", "client_network": "unknown", "user_agent": "curl/8"}
    old = posted_days_ago(31, **{**CLEARED, left: held[left]})

    assert clear_old_ip_addresses() == 1
    assert client_details(old) == CLEARED


def test_an_ip_address_quoted_in_a_moderation_reason_is_cleared_with_it():
    quoted = posted_days_ago(
        31, moderation_reason="blocked IP address 203.0.113.7 (203.0.113.0/24)"
    )

    clear_old_ip_addresses()

    quoted.refresh_from_db()
    assert quoted.moderation_reason == "blocked IP address [removed] (203.0.113.0/24)"


@pytest.mark.parametrize("days", [0, -5, "30"])
def test_a_retention_setting_that_is_not_a_whole_number_of_days_is_refused(settings, days):
    settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS = days
    today = posted_days_ago(0)

    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_COMMENTS_IP_RETENTION_DAYS"):
        clear_old_ip_addresses()

    assert client_details(today)["ip_address"] == "203.0.113.7"


def test_the_server_scheduler_is_offered_a_daily_clearing_logged_as_the_schedule():
    old, recent = posted_days_ago(90), posted_days_ago(1)
    jobs = [hook() for hook in hooks.get_hooks("newsdesk_periodic_jobs")]

    for run in [run for interval, run in jobs if interval == timedelta(days=1)]:
        run()

    assert client_details(old) == CLEARED
    assert client_details(recent)["ip_address"] == "203.0.113.7"
    assert PrivacyRequest.objects.get().requested_by_name == "schedule"
