"""The story editor speaks newsroom: its tabs and labels, Publish first, "Story" messages,
the section tree, a body that opens with a paragraph, and tags readers can see."""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.news.models import ArticlePage

from .builders import make_article, make_author, make_category, story_index

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", story_index().pk))


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=(story.pk,))


def story_form(title, body, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "standfirst": "What the council decided, in one line.",
            "body": streamfield(body),
            "bylines": inline_formset([{"author": make_author().pk}]),
            "latest_developments_pins": inline_formset([]),
            "category": make_category().pk,
            "tags": "",
            "comments_open": "on",
            **extra,
        }
    )


def messages_after(response):
    """The messages left for the next page so far, as the editor reads them; newest last."""
    return [unescape(str(message)) for message in get_messages(response.wsgi_request)]


def primary_action(html):
    """The label of the editor's main button, the one beside the arrow."""
    return BeautifulSoup(html, "html.parser").select_one(".w-dropdown-button > button").text


def test_new_story_opens_on_the_story_tab_in_newsroom_words(admin_client):
    page = BeautifulSoup(admin_client.get(add_url()).content, "html.parser")

    tabs = [next(tab.stripped_strings) for tab in page.select("[role=tab]")]
    assert tabs[:3] == ["Story", "SEO and promotion", "Settings"]
    story_tab = page.select_one("#tab-story")
    labels = [label.text.strip().rstrip("*").strip() for label in story_tab.select("label")]
    for field in ["Headline", "Standfirst", "Section", "Tags", "Hero caption"]:
        assert field in labels
    assert story_tab.select_one("#id_slug") is None
    assert page.select_one("#tab-seo_and_promotion #id_slug") is not None
    assert "New: Story" in page.title.text


def test_a_new_story_starts_with_one_empty_paragraph():
    assert [(block.block_type, block.value.source) for block in ArticlePage().body] == [
        ("paragraph", "")
    ]


def test_an_empty_paragraph_left_in_is_dropped_on_publishing(admin_client):
    body = [
        ("paragraph", rich_text("")),
        ("heading", {"text": "What happens next", "level": "h2"}),
        ("paragraph", rich_text("<p>The bridge reopens on Monday.</p>")),
    ]
    data = {**story_form("Bridge reopens", body), "action-publish": "1"}

    assert admin_client.post(add_url(), data).status_code == 302

    story = ArticlePage.objects.get(title="Bridge reopens")
    assert [block.block_type for block in story.body] == ["heading", "paragraph"]


def test_a_body_of_only_an_empty_paragraph_is_kept_as_a_draft_but_not_published(admin_client):
    data = story_form("Nothing yet", [("paragraph", rich_text(""))])

    refused = admin_client.post(add_url(), {**data, "action-publish": "1"})
    assert refused.status_code == 200
    assert not ArticlePage.objects.filter(title="Nothing yet").exists()

    assert admin_client.post(add_url(), data).status_code == 302
    draft = ArticlePage.objects.get(title="Nothing yet")
    assert not draft.live
    assert list(draft.get_latest_revision_as_object().body) == []


def test_section_choices_show_parents_in_tree_order(admin_client):
    sport = make_category("Sport", sort_order=1)
    make_category("Football", parent=sport)
    make_category("Arts", sort_order=2)

    page = BeautifulSoup(admin_client.get(add_url()).content, "html.parser")

    choices = [option.text for option in page.select("#id_category option")]
    assert choices[:4] == ["Choose a section", "Sport", "Sport › Football", "Arts"]
    assert "Uncategorized" in choices


def test_publish_is_the_primary_action_for_an_editor_on_new_and_live_stories(admin_client):
    live = make_article("Harbour dues rise")

    assert primary_action(admin_client.get(add_url()).content).strip() == "Publish"
    assert primary_action(admin_client.get(edit_url(live)).content).strip() == "Publish"


def test_save_draft_stays_the_primary_action_for_a_writer_who_may_not_publish(client):
    writers = Group.objects.create(name="Writers without publishing")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.create(
            group=writers, page=story_index(), permission_type=permission_type
        )
    writer = get_user_model().objects.create_user("writer", password="pw")
    writer.groups.add(writers)
    client.force_login(writer)
    live = make_article("Harbour dues rise")

    assert "Publish" not in primary_action(client.get(edit_url(live)).content)
    assert "Save draft" in primary_action(client.get(edit_url(live)).content)


def test_messages_say_story_not_page(admin_client):
    body = [("paragraph", rich_text("<p>The ferry runs again.</p>"))]
    created = admin_client.post(
        add_url(), {**story_form("Ferry runs again", body), "action-publish": "1"}
    )
    story = make_article("Pier closes", authors=[make_author()])
    byline = story.bylines.get()
    edited = {
        **story_form("Pier closes", body),
        **nested_form_data(
            {"bylines": inline_formset([{"id": byline.pk, "author": byline.author_id}], initial=1)}
        ),
    }
    updated = admin_client.post(edit_url(story), edited)
    published = admin_client.post(
        edit_url(story), {**edited, "republished_as": "minor_fix", "action-publish": "1"}
    )
    unpublished = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
    refused = admin_client.post(edit_url(story), {**edited, "title": "", "action-publish": "1"})

    assert messages_after(created)[-1].startswith("Story 'Ferry runs again' created and published.")
    assert messages_after(updated)[-1].startswith("Story 'Pier closes' has been updated.")
    assert messages_after(published)[-1].startswith("Story 'Pier closes' has been published.")
    assert messages_after(unpublished)[-1].startswith("Story 'Pier closes' unpublished.")
    assert messages_after(refused)[-1].startswith("The story could not be saved")


def test_other_pages_keep_wagtails_words(admin_client):
    index = story_index()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(index.pk,)),
        nested_form_data({"title": index.title, "slug": index.slug, "introduction": ""}),
    )
    assert messages_after(response)[-1].startswith("Page 'News' has been updated.")


def test_a_tag_on_no_published_story_has_no_page_feed_or_sitemap_entry(client):
    make_article("Draft about the pier", tags=["pier"], publish=False)

    assert client.get("/tag/pier/").status_code == 404
    assert client.get("/tag/pier/feed/").status_code == 404
    assert "/tag/pier/" not in client.get("/sitemap-tags.xml").content.decode()

    make_article("The pier reopens", tags=["pier"])

    assert client.get("/tag/pier/").status_code == 200
    assert "/tag/pier/" in client.get("/sitemap-tags.xml").content.decode()
