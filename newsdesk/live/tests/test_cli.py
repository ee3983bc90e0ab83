"""``newsdesk live post|end|list``: the live desk from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from newsdesk.live import coverage
from newsdesk.live.models import LiveUpdate
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article, make_author

from .builders import make_live_story

pytestmark = pytest.mark.django_db


def live(*args):
    out = io.StringIO()
    call_command("live", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_script_posts_by_slug_with_title_key_event_and_a_reporters_byline():
    story = make_live_story("Storm reaches the coast")
    reporter = make_author("Ines Tarr")

    said = live(
        "post", story.slug, "--text", "All crossings halted.\n\nMore at noon.",
        "--title", "Ferries stop", "--key-event", "--byline", "ines tarr",
    )  # fmt: skip

    update = LiveUpdate.objects.get()
    assert said.startswith(
        f"Posted update {update.pk} to “Storm reaches the coast” (id {story.pk})"
    )
    assert (update.title, update.key_event, update.author) == ("Ferries stop", True, reporter)
    assert [block.block_type for block in update.body] == ["paragraph", "paragraph"]


def test_a_byline_with_no_reporter_on_file_is_kept_as_typed(monkeypatch):
    story = make_live_story()
    monkeypatch.setattr("sys.stdin", io.StringIO("From the wire."))

    live("post", story.pk, "--text", "-", "--byline", "Wire service")

    update = LiveUpdate.objects.get()
    assert (update.author, update.byline_name) == (None, "Wire service")
    assert "From the wire." in update.body[0].value.source


@pytest.mark.parametrize(
    ("story", "error"),
    [
        ("999999", "No story has id 999999."),
        ("no-such-story", "No story has the slug 'no-such-story'."),
    ],
)
def test_an_unknown_story_is_one_clear_line(story, error):
    with pytest.raises(CommandError, match=f"^{error}$"):
        live("post", story, "--text", "Anything.")


def test_a_slug_two_stories_share_must_be_given_as_an_id():
    first, second = make_article("Storm update"), make_article("Storm update in the north")
    # Slugs are unique among a page's siblings only: another section may hold the same one.
    ArticlePage.objects.filter(pk=second.pk).update(slug=first.slug)

    with pytest.raises(CommandError, match=rf"ids {first.pk}, {second.pk}\): give its id"):
        live("list", "storm-update")


def test_posting_to_or_ending_a_story_not_live_is_refused():
    story = make_article("Harbour dues rise")
    for args in [("post", story.pk, "--text", "Too soon."), ("end", story.pk)]:
        with pytest.raises(
            CommandError, match=f"^“Harbour dues rise” \\(id {story.pk}\\) is not live.$"
        ):
            live(*args)
    assert not LiveUpdate.objects.exists()


def test_an_empty_update_or_a_long_title_is_refused_and_nothing_is_posted():
    story = make_live_story()
    with pytest.raises(CommandError, match="Write the update first.*Nothing was posted"):
        live("post", story.pk, "--text", "   ")
    with pytest.raises(CommandError, match="^--title: Ensure this value has at most 120"):
        live("post", story.pk, "--text", "Words.", "--title", "Long " * 30)
    assert not LiveUpdate.objects.exists()


def test_end_stops_the_coverage_and_says_when():
    story = make_live_story()

    said = live("end", story.pk)

    story.live_coverage.refresh_from_db()
    assert not story.live_coverage.is_running
    assert said.startswith(f"Live coverage of “{story.title}” (id {story.pk}) ended at ")


def test_list_shows_each_update_with_its_flags_in_the_readers_order():
    story = make_live_story()
    first = coverage.post(story, title="Ferries stop", text="All crossings halted.", key_event=True)
    second = coverage.post(story, text="The coastguard asks everyone to stay away from the wall.")
    wrong = coverage.post(story, text="A wrong figure.")
    coverage.pin(first)
    coverage.edit(second, text="The coastguard asks everyone to keep away from the wall.")
    coverage.withdraw(wrong)

    lines = live("list", story.slug).splitlines()

    assert lines[0].startswith(f"“{story.title}” (id {story.pk}): live since ")
    assert lines[0].endswith(", 3 updates.")
    rows = [line.split(None, 4) for line in lines[2:]]
    assert [(int(r[0]), r[3]) for r in rows] == [
        (first.pk, "KP"),
        (wrong.pk, "W"),
        (second.pk, "E"),
    ]
    assert rows[0][4] == "Ferries stop"
    assert rows[2][4].startswith("The coastguard asks everyone to keep away")


def test_list_of_a_story_never_live_says_so():
    story = make_article("Harbour dues rise")
    with pytest.raises(CommandError, match="has never been live"):
        live("list", story.pk)
