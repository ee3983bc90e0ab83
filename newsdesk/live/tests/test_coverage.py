"""Live coverage's one path: start, post, edit, withdraw, pin and end, each recorded and fresh."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from wagtail.log_actions import registry
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from newsdesk.caching.tests.recording_backend import purged
from newsdesk.caching.tests.test_freshness import warmed
from newsdesk.live import coverage
from newsdesk.live.models import LiveUpdate
from newsdesk.news.tests.builders import make_article, make_author

from .builders import make_live_story, make_reporter, post_updates

pytestmark = pytest.mark.django_db


def history(story):
    """The story's History as Wagtail's admin shows it: (message, user) newest last."""
    entries = PageLogEntry.objects.filter(page=story).order_by("timestamp", "pk")
    return [
        (registry.get_formatter(e).format_message(e), e.user)
        for e in entries
        if e.action.startswith("live.")
    ]


def test_every_live_change_is_in_the_storys_history_with_who_did_it(admin_user):
    story = make_article("Storm reaches the coast")
    reporter = make_reporter()

    coverage.start(story, admin_user)
    update = coverage.post(story, reporter, title="Ferries stop", text="All crossings halted.")
    coverage.edit(update, reporter, text="All crossings halted until noon.")
    coverage.pin(update, admin_user)
    coverage.pin(update, admin_user, pinned=False)
    coverage.withdraw(update, reporter)
    coverage.end(story, admin_user)

    assert history(story) == [
        ("Live coverage started", admin_user),
        ("Live update posted: “Ferries stop”", reporter),
        ("Live update edited: “Ferries stop”", reporter),
        ("Live update pinned: “Ferries stop”", admin_user),
        ("Live update unpinned: “Ferries stop”", admin_user),
        ("Live update withdrawn: “Ferries stop”", reporter),
        ("Live coverage ended", admin_user),
    ]


def test_an_update_without_a_title_is_named_by_its_first_words():
    story = make_live_story()
    coverage.post(
        story, text="Waves over the wall at Kessel; the coastguard asks all to stay away."
    )

    assert history(story)[-1][0] == (
        "Live update posted: “Waves over the wall at Kessel; the coastguard asks all to stay…”"
    )


def test_posting_is_not_a_revision_of_the_story_and_needs_no_workflow():
    story = make_live_story()
    revisions = story.revisions.count()

    post_updates(story, 3)

    story.refresh_from_db()
    assert story.revisions.count() == revisions
    assert not story.has_unpublished_changes
    assert story.current_workflow_state is None


def test_nothing_can_be_posted_to_a_story_that_is_not_live_or_has_ended():
    story = make_article("Harbour dues rise")
    with pytest.raises(coverage.NotLive, match="“Harbour dues rise” is not live"):
        coverage.post(story, text="Too soon.")

    coverage.start(story)
    coverage.end(story)
    with pytest.raises(coverage.NotLive):
        coverage.post(story, text="Too late.")
    with pytest.raises(coverage.NotLive):
        coverage.end(story)
    assert not LiveUpdate.objects.exists()


def test_an_ended_story_can_go_live_again_keeping_its_updates():
    story = make_live_story()
    post_updates(story, 2)
    ended = coverage.end(story)
    assert not ended.is_running

    again = coverage.start(story)

    assert again.is_running and again.pk == ended.pk
    assert story.live_updates.count() == 2


def test_an_empty_update_is_refused_and_nothing_is_posted():
    story = make_live_story()
    for empty in [{"text": "  \n\n  "}, {"body": [("paragraph", RichText("<p> </p>"))]}, {}]:
        with pytest.raises(ValidationError, match="Write the update first"):
            coverage.post(story, **empty)
    assert not LiveUpdate.objects.exists()


def test_plain_text_becomes_paragraphs_with_its_markup_escaped():
    story = make_live_story()
    update = coverage.post(story, text="First <b>line</b>.\n\n\nSecond line.\nStill second.")

    assert [block.block_type for block in update.body] == ["paragraph", "paragraph"]
    assert update.body[0].value.source == "<p>First &lt;b&gt;line&lt;/b&gt;.</p>"
    assert update.body[1].value.source == "<p>Second line.<br>Still second.</p>"


def test_the_byline_is_the_reporters_own_profile_else_the_name_typed_else_their_name():
    story = make_live_story()
    profile = make_author("Ines Tarr")
    reporter, stranger = make_reporter(), make_reporter("ola", "Ola", "Berg")

    own = coverage.post(story, reporter, text="From the quay.")
    typed = coverage.post(story, reporter, text="From the wire.", byline="Wire service")
    unknown = coverage.post(story, stranger, text="From the office.")

    assert (own.author, own.byline_name) == (profile, "Ines Tarr")
    assert (typed.author, typed.byline_name) == (None, "Wire service")
    assert (unknown.author, unknown.byline_name) == (None, "Ola Berg")


def test_readers_see_pinned_updates_first_then_the_newest():
    story = make_live_story()
    first, second, third = post_updates(story, 3)
    coverage.pin(first)

    assert list(story.live_updates.for_readers()) == [first, third, second]


def test_only_changed_words_mark_an_update_edited():
    story = make_live_story()
    update = coverage.post(story, title="Ferries stop", text="All crossings halted.")

    coverage.edit(update, key_event=True)
    update.refresh_from_db()
    assert update.key_event and not update.is_edited

    coverage.edit(update, title="Ferries stop at noon")
    update.refresh_from_db()
    assert update.is_edited and update.title == "Ferries stop at noon"


def test_a_withdrawn_update_is_unpinned_leaves_the_key_events_and_cannot_be_edited():
    story = make_live_story()
    update = coverage.post(story, text="A wrong figure.", key_event=True, pinned=True)

    coverage.withdraw(update)

    update.refresh_from_db()
    assert update.is_withdrawn and not update.pinned
    assert not story.live_updates.key_events().exists()
    assert list(story.live_updates.for_readers()) == [update]
    with pytest.raises(ValidationError, match="withdrawn"):
        coverage.edit(update, text="The right figure.")
    with pytest.raises(ValidationError, match="withdrawn"):
        coverage.pin(update)


def test_readers_see_an_update_with_its_time_byline_labels_and_edited_note():
    story = make_live_story()
    update = coverage.post(
        story, title="Ferries stop", text="All crossings halted.", key_event=True, byline="Desk"
    )
    coverage.pin(update)
    coverage.edit(update, text="All crossings halted until noon.")
    update.refresh_from_db()

    html = render_to_string("live/update.html", {"update": update})

    assert f'<article id="update-{update.pk}"' in html
    assert f'<time datetime="{update.posted_at.isoformat(timespec="seconds")}' in html
    for shown in ["Ferries stop", "Desk", "Key event", "Pinned", "Edited", "until noon"]:
        assert shown in html


def test_a_withdrawn_update_shows_only_that_it_was_withdrawn_where_it_stood():
    story = make_live_story()
    update = coverage.withdraw(coverage.post(story, title="Wrong", text="A wrong figure."))

    html = render_to_string("live/update.html", {"update": update})

    assert f'<article id="update-{update.pk}"' in html
    assert "This update was withdrawn" in html
    assert "Wrong" not in html and "wrong figure" not in html


def test_the_story_page_carries_its_live_tag():
    story = make_live_story()
    assert f"live:{story.pk}" in story.cache_tags()


def test_a_post_asks_the_cdn_to_drop_the_story_and_its_update_check(
    settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "newsdesk.caching.tests.recording_backend.RecordingBackend"}
    }
    story = make_live_story()
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coverage.post(story, text="Waves over the wall.")

    assert set(purged) == {story.full_url, f"http://localhost/live/{story.pk}/updates/"}


def test_a_post_makes_the_story_fresh_and_leaves_other_pages_kept(cached_site):
    story, other = make_live_story(), make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    warmed(cached_site, other.url)

    coverage.post(story, text="Waves over the wall.")

    fresh = cached_site.get(story.url)
    assert not fresh.from_cache
    assert cached_site.get(other.url).from_cache
