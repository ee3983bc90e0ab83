"""A flood of posts from one client while another reader comments: the limit holds under load."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.comments.tokens import issue_form_token
from newsdesk.news.tests.builders import make_article

from .reader import FILLED_IN

pytestmark = [pytest.mark.engine, pytest.mark.heavy]

FLOOD_POSTS = 1_000
FLOOD_THREADS = 8
FLOODER = "198.51.100.10"
NEIGHBOUR_ELSEWHERE = "192.0.2.44"


def post_comment(article, remote_addr, text):
    """One post of the form as a bot sends it: a fresh form token, no page load."""
    values = {**FILLED_IN, "comment": text, "form_token": issue_form_token(backdate=60)}
    client = Client(REMOTE_ADDR=remote_addr)
    try:
        return client.post(f"/comments/post/{article.pk}/", values)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flood_of_a_thousand_posts_lets_through_only_the_limit_and_never_blocks_others(settings):
    # A long window, so how fast this machine gets through the flood cannot matter.
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 5
    settings.NEWSDESK_COMMENTS_RATE_WINDOW = 3600
    article = make_article()
    halfway = threading.Event()
    statuses = []

    def flood(n):
        response = post_comment(article, FLOODER, f"Flood message number {n}.")
        if n == FLOOD_POSTS // 2:
            halfway.set()
        return response.status_code, response.get("Retry-After")

    with ThreadPoolExecutor(FLOOD_THREADS) as pool:
        flooding = pool.map(flood, range(FLOOD_POSTS))
        halfway.wait(timeout=120)
        neighbour = post_comment(article, NEIGHBOUR_ELSEWHERE, "Meanwhile, across town.")
        statuses = list(flooding)

    accepted = [status for status, _ in statuses if status == 302]
    refused = [(status, wait) for status, wait in statuses if status != 302]
    assert len(accepted) == 5
    assert len(refused) == FLOOD_POSTS - 5
    assert {status for status, _ in refused} == {429}
    assert all(wait and int(wait) > 0 for _, wait in refused)
    assert neighbour.status_code == 302
    assert Comment.objects.filter(ip_address=FLOODER).count() == 5
    assert Comment.objects.filter(ip_address=NEIGHBOUR_ELSEWHERE).count() == 1
