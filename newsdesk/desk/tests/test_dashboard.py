from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from newsdesk.comments.models import Comment
from newsdesk.desk.tests.builders import draft_by, make_member, schedule, submit_for_review
from newsdesk.desk.tests.pages import box, dashboard
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db


def test_a_reporter_sees_new_story_their_drafts_and_the_desks_reviews(client):
    rita, sam = make_member("rita", "Reporters"), make_member("sam", "Reporters")
    draft_by(rita, "Harbour wall to be rebuilt")
    submitted = draft_by(sam, "Ferry fares rise in spring")
    submit_for_review(submitted, sam)

    page = dashboard(client, rita)

    index = submitted.get_parent()
    assert reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk)) in page
    assert "New story" in page
    assert "Harbour wall to be rebuilt" in box(page, "drafts")
    assert "Ferry fares rise in spring" not in box(page, "drafts")
    assert "Ferry fares rise in spring" in box(page, "review")
    assert "submitted by sam" in " ".join(box(page, "review").split())


def test_an_editor_sees_the_schedule_next_due_first_and_what_went_out_today(client):
    editor = make_member("edna", "Editors")
    schedule(make_article("Regatta route announced", publish=False), hours_ahead=9)
    schedule(make_article("Bridge closes overnight", publish=False), hours_ahead=2)
    make_article("Library opens late", published_at=timezone.now() - timedelta(minutes=5))
    make_article("Old news from last week", published_at=timezone.now() - timedelta(days=7))

    page = dashboard(client, editor)

    scheduled = box(page, "scheduled")
    assert scheduled.index("Bridge closes overnight") < scheduled.index("Regatta route announced")
    today = box(page, "today")
    assert "Library opens late" in today
    assert "Old news from last week" not in today
    assert "1 story" in today
    today_in_the_list = f"?status=live&amp;published_from={timezone.localdate():%Y-%m-%d}"
    assert today_in_the_list in today
    assert "New story" in page


def test_stories_held_by_checks_show_on_the_schedule_with_the_reason(client):
    story = make_article("Council vote delayed", publish=False)

    def held():
        return [(story, timezone.now(), "no byline")]

    with hooks.register_temporarily("newsdesk_held_stories", held):
        page = dashboard(client, make_member("edna", "Editors"))

    assert "Council vote delayed" in box(page, "scheduled")
    assert "held: no byline" in box(page, "scheduled")


def test_moderators_see_pending_comments_with_a_link_to_the_queue(client):
    story = make_article()
    for text in ("First!", "When does it open?"):
        Comment.objects.create(article=story, name="Ann", email="a@example.org", body=text)
    Comment.objects.create(
        article=story, name="Bo", email="b@example.org", body="Nice", status="approved"
    )

    moderator_page = dashboard(client, make_member("mo", "Moderators"))
    reporter_page = dashboard(client, make_member("rita", "Reporters"))

    queue = reverse("wagtailsnippets_comments_comment:list")
    assert f'href="{queue}"' in moderator_page
    assert "2 comments waiting" in moderator_page
    assert "comments waiting" not in reporter_page


def test_the_dashboard_asks_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    rita = make_member("rita", "Reporters")
    for number in range(3):
        submit_for_review(draft_by(rita, f"Draft number {number}"), rita)
        schedule(make_article(f"Scheduled number {number}", publish=False), hours_ahead=number + 1)
        make_article(f"Out today number {number}")
    client.force_login(make_member("edna", "Editors"))
    client.get(reverse("wagtailadmin_home"))  # Wagtail's per-process caches

    # Most are Wagtail's own (session, permissions, site summary, menu); none per story.
    # One is the newsletters' panel of editions waiting to be sent.
    with django_assert_max_num_queries(26):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
