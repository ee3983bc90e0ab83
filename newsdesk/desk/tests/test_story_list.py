from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.desk.tests.builders import draft_by, make_member, schedule, submit_for_review
from newsdesk.desk.tests.pages import as_user, headlines, statuses
from newsdesk.news.models import HeldStory
from newsdesk.news.tests.builders import make_article, make_author, make_category

pytestmark = pytest.mark.django_db
STORY_LIST = reverse("stories:index")


@pytest.fixture
def editor():
    return make_member("edna", "Editors")


def story_list(client, user, query=""):
    return as_user(client, user, f"{STORY_LIST}?{query}")


def test_each_story_shows_its_section_bylines_status_time_and_comments(client, editor):
    sport = make_category("Sport")
    ann, ben = make_author("Ann Reed"), make_author("Ben Moss")
    story = make_article(
        "Rowers win the cup",
        category=sport,
        authors=[ann, ben],
        bylines=[("Staff", "Photographs")],
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 3, 9, 30)),
    )
    for status in ("approved", "approved", "pending"):
        Comment.objects.create(
            article=story, name="Cy", email="c@example.org", body="Well done", status=status
        )

    page = story_list(client, editor)

    row = page[page.index("Rowers win the cup") :]
    row = row[: row.index("</tr>")]
    cells = [" ".join(cell.split()) for cell in row.split("<td")]
    assert "Sport" in cells[1]
    assert "Ann Reed, Ben Moss, Staff (Photographs)" in cells[2]
    assert "Live" in cells[3]
    assert "3 Nov 2026, 09:30" in cells[4]
    assert cells[5].endswith("2 </td>") or ">2<" in cells[5].replace(" ", "")
    for heading in ("Headline", "Section", "Bylines", "Status", "Published or scheduled"):
        assert heading in page


def test_the_section_filter_takes_in_its_subsections(client, editor):
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    make_article("Cup final tonight", category=football)
    make_article("Regatta day", category=sport)
    make_article("Council budget", category=make_category("Politics"))

    shown = headlines(story_list(client, editor, f"section={sport.pk}"))

    assert sorted(shown) == ["Cup final tonight", "Regatta day"]


def test_the_reporter_filter_finds_their_bylines(client, editor):
    ann = make_author("Ann Reed")
    make_article("Ann's story", authors=[ann])
    make_article("Shared story", authors=[make_author("Ben Moss"), ann])
    make_article("Someone else's")

    shown = headlines(story_list(client, editor, f"reporter={ann.pk}"))

    assert sorted(shown) == ["Ann's story", "Shared story"]


def test_the_status_filter_tells_drafts_reviews_scheduled_and_live_apart(client, editor):
    rita = make_member("rita", "Reporters")
    draft_by(rita, "Still a draft")
    submit_for_review(draft_by(rita, "Waiting for review"), rita)
    schedule(make_article("Out tomorrow", publish=False), hours_ahead=20)
    make_article("Already out")

    def shown(status):
        page = story_list(client, editor, f"status={status}")
        return list(zip(headlines(page), statuses(page), strict=True))

    assert shown("draft") == [("Still a draft", "Draft")]
    assert shown("in_review") == [("Waiting for review", "In review")]
    assert shown("scheduled") == [("Out tomorrow", "Scheduled")]
    assert shown("live") == [("Already out", "Live")]


def test_the_date_filter_keeps_stories_published_between_the_dates(client, editor):
    def on(day):
        return timezone.make_aware(timezone.datetime(2026, 11, day, 12))

    make_article("Early November", published_at=on(2))
    make_article("Mid November", published_at=on(15))
    make_article("Late November", published_at=on(28))

    shown = headlines(
        story_list(client, editor, "published_from=2026-11-10&published_to=2026-11-20")
    )

    assert shown == ["Mid November"]


def test_the_list_opens_newest_first_and_sorts_oldest_first_on_request(client, editor):
    now = timezone.now()
    for days, title in ((3, "Three days ago"), (1, "Yesterday"), (2, "Two days ago")):
        make_article(title, published_at=now - timedelta(days=days))

    assert headlines(story_list(client, editor)) == ["Yesterday", "Two days ago", "Three days ago"]
    oldest_first = headlines(story_list(client, editor, "ordering=first_published_at"))
    assert oldest_first == ["Three days ago", "Two days ago", "Yesterday"]


def test_the_scheduled_view_lists_the_next_due_first(client, editor):
    schedule(make_article("Evening edition", publish=False), hours_ahead=10)
    schedule(make_article("Morning briefing", publish=False), hours_ahead=1)
    lunchtime = schedule(make_article("Lunchtime update", publish=False), hours_ahead=4)
    make_article("Already out")
    HeldStory.objects.create(
        story=lunchtime,
        revision=lunchtime.get_latest_revision(),
        reasons=["Add a byline."],
        held_since=timezone.now(),
    )

    page = story_list(client, editor, "status=scheduled")

    assert headlines(page) == ["Morning briefing", "Lunchtime update", "Evening edition"]
    assert "Scheduled for" in page
    assert statuses(page) == ["Scheduled", "Held", "Scheduled"]


def test_stories_sits_in_the_admin_menu_with_the_scheduled_view(client, editor):
    page = as_user(client, editor, reverse("wagtailadmin_home"))

    assert "All stories" in page
    assert f"{STORY_LIST}?status=scheduled" in page


def test_the_story_list_asks_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries
):
    authors = [make_author(), make_author()]
    for number in range(4):
        story = make_article(f"Story {number}", category=make_category(), authors=authors)
        Comment.objects.create(
            article=story, name="Cy", email="c@example.org", body="Hi", status="approved"
        )
    client.force_login(editor)
    client.get(STORY_LIST)  # Wagtail's per-process caches

    # Most are Wagtail's own (session, permissions, menu); none are per story.
    # The desk's own: comment counts, scheduled times and holds, once a page.
    with django_assert_max_num_queries(23):
        response = client.get(STORY_LIST)
    assert len(headlines(response.content.decode())) == 4


@pytest.mark.parametrize("filtered", ["reporter", "status=live"])
def test_the_list_counts_its_stories_without_reading_their_bodies(client, editor, filtered):
    # A story's row carries its whole body: counting on it read every matching
    # one, 0.6 s at 100,000 stories. The count is made on the page table.
    ann = make_author("Ann Reed")
    make_article("Ann's story", authors=[ann])
    make_article("Ann's second story", authors=[ann])
    draft_by(make_member("rita", "Reporters"), "Rita's draft", authors=[ann])
    query = f"reporter={ann.pk}" if filtered == "reporter" else filtered
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{STORY_LIST}?{query}")

    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert counts and all("news_articlepage" not in sql for sql in counts)
    expected = 3 if filtered == "reporter" else 2
    assert response.context["items_count"] == expected
    assert len(headlines(response.content.decode())) == expected
