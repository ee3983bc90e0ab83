"""The live desk in the admin: post, edit, withdraw and pin; make a story live and end it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsdesk.live import coverage
from newsdesk.live.models import LiveCoverage, LiveUpdate
from newsdesk.news.tests.builders import make_article, make_author

from .builders import make_live_story, make_reporter

pytestmark = pytest.mark.django_db


def desk(story):
    return reverse("live_desk:desk", args=[story.pk])


def update_form(text="The coastguard asks everyone to stay away.", **fields):
    return nested_form_data(
        {
            "title": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "byline": "",
            **fields,
        }
    )


def screen(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def refused(response):
    """Wagtail's admin answers a refusal by sending the user to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def labels(page):
    return {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.select("label")}


@pytest.fixture
def reporter(client):
    """A reporter, signed in, with a profile under their own name."""
    user = make_reporter()
    make_author("Ines Tarr")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = make_reporter("edda", "Edda", "Holm")
    user.groups.set([Group.objects.get(name="Editors")])
    client.force_login(user)
    return user


def test_a_reporter_finds_a_labelled_form_with_a_paragraph_ready_and_their_own_byline(
    client, reporter
):
    story = make_live_story()

    page = screen(client.get(desk(story)))

    assert {"Title", "Update", "Key event", "Pin to the top", "Reporter", "Or byline"} <= labels(
        page
    )
    assert page.find("button", string="Post")
    form = client.get(desk(story)).context["form"]
    assert [block.block_type for block in form.initial["body"]] == ["paragraph"]
    assert (
        form.initial["author"]
        == LiveUpdate._meta.get_field("author").related_model.objects.get(name="Ines Tarr").pk
    )


def test_a_reporter_posts_and_sees_the_update_in_the_stream_as_readers_do(client, reporter):
    story = make_live_story()

    posted = client.post(desk(story), update_form(title="Ferries stop", key_event="on"))

    update = LiveUpdate.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"{desk(story)}#desk-update-{update.pk}"
    assert (update.title, update.key_event, update.posted_by) == ("Ferries stop", True, reporter)
    page = screen(client.get(desk(story)))
    shown = page.select_one(f"#desk-update-{update.pk} article#update-{update.pk}")
    assert "Ferries stop" in shown.text and "Key event" in shown.text
    assert "stay away" in shown.text
    assert story.revisions.count() == 1


def test_the_storys_history_says_who_posted(client, reporter, admin_client):
    story = make_live_story()
    client.post(desk(story), update_form(title="Ferries stop"))

    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[story.pk]))

    assert "Live update posted: “Ferries stop”" in history.content.decode()
    assert "Ines Tarr" in history.content.decode()
    entry = PageLogEntry.objects.get(page=story, action="live.post")
    assert entry.user == reporter


def test_an_empty_update_is_refused_with_the_words_kept(client, reporter):
    story = make_live_story()

    refused = client.post(desk(story), update_form(text="", title="Ferries stop"))

    assert refused.status_code == 200
    assert "Write the update first" in refused.content.decode()
    assert screen(refused).select_one("input[name=title]")["value"] == "Ferries stop"
    assert not LiveUpdate.objects.exists()


def test_a_post_to_a_story_that_has_just_ended_is_refused_with_a_reason(client, reporter):
    story = make_live_story()
    coverage.end(story)

    refused = client.post(desk(story), update_form())

    assert "is not live" in refused.content.decode()
    assert not LiveUpdate.objects.exists()


def test_a_reporter_edits_an_update_in_place_and_readers_see_it_edited(client, reporter):
    story = make_live_story()
    update = coverage.post(story, reporter, title="Ferries stop", text="Until noon.")
    edit = reverse("live_desk:edit", args=[story.pk, update.pk])

    form = screen(client.get(edit))
    assert form.find("button", string="Save changes")
    assert form.select_one("input[name=title]")["value"] == "Ferries stop"
    saved = client.post(edit, update_form(text="Until two o'clock.", title="Ferries stop"))

    assert saved.status_code == 302
    update.refresh_from_db()
    assert update.is_edited and "two o'clock" in update.body[0].value.source


def test_a_reporter_pins_unpins_and_withdraws_after_confirming(client, reporter):
    story = make_live_story()
    update = coverage.post(story, reporter, text="A wrong figure.")
    pin = reverse("live_desk:pin", args=[story.pk, update.pk])

    client.post(pin, {"pinned": "1"})
    update.refresh_from_db()
    assert update.pinned
    client.post(pin, {"pinned": "0"})
    update.refresh_from_db()
    assert not update.pinned

    withdraw = reverse("live_desk:withdraw", args=[story.pk, update.pk])
    question = screen(client.get(withdraw))
    assert "This cannot be undone" in question.text
    assert not LiveUpdate.objects.get().is_withdrawn
    client.post(withdraw)
    assert LiveUpdate.objects.get().is_withdrawn
    assert "Withdrawn at" in screen(client.get(desk(story))).text


def test_a_reporter_cannot_make_a_story_live_or_end_it(client, reporter):
    story = make_article("Harbour dues rise")
    live = make_live_story()

    assert refused(client.post(reverse("live_desk:start", args=[story.pk])))
    assert refused(client.post(reverse("live_desk:end", args=[live.pk])))
    assert list(LiveCoverage.objects.all()) == [LiveCoverage.objects.get(story=live, ended_at=None)]
    assert "End live coverage" not in client.get(desk(live)).content.decode()


def test_a_reporter_finds_every_live_storys_desk_in_the_admin_menu(client, reporter):
    live, ended = make_live_story(), make_live_story("Rail strike called off")
    coverage.post(live, text="Waves over the wall.")
    coverage.end(ended)

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("live_desk:index") in home
    listing = screen(client.get(reverse("live_desk:index")))

    (row,) = listing.select("tbody tr")
    assert row.a["href"] == desk(live) and row.a.text == live.title
    assert "Rail strike called off" in listing.select_one(".live-recently-ended").text


def test_someone_without_desk_rights_cannot_post(client):
    story = make_live_story()
    outsider = make_reporter("moe", "Moe", "Dahl")
    outsider.groups.set([Group.objects.get(name="Moderators")])
    client.force_login(outsider)

    assert refused(client.get(desk(story)))
    assert refused(client.post(desk(story), update_form()))
    assert not LiveUpdate.objects.exists()


def test_an_editor_makes_a_story_live_from_its_menu_and_ends_it_after_confirming(client, editor):
    story = make_article("Storm reaches the coast")
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    start = reverse("live_desk:start", args=[story.pk])
    assert "Make this story live" in edit_page and start in edit_page

    assert "Make “Storm reaches the coast” live?" in screen(client.get(start)).text
    assert client.post(start)["Location"] == desk(story)
    assert LiveCoverage.objects.get(story=story).is_running

    end = reverse("live_desk:end", args=[story.pk])
    assert "End live coverage" in client.get(desk(story)).content.decode()
    assert "open pages stop checking" in screen(client.get(end)).text
    assert LiveCoverage.objects.get(story=story).is_running
    client.post(end)
    assert not LiveCoverage.objects.get(story=story).is_running
    assert "Live coverage ended at" in screen(client.get(desk(story))).text


def test_the_story_list_offers_live_coverage_in_each_storys_menu(client, editor):
    story = make_article("Storm reaches the coast")
    listing = client.get(reverse("stories:index"))

    assert reverse("live_desk:start", args=[story.pk]) in listing.content.decode()
