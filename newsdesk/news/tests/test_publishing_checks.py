"""A story is checked before it goes out: when an editor publishes or schedules, and at its time."""

import logging
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.core.scheduler import publish_due
from newsdesk.news import checks
from newsdesk.news.models import ArticlePage, Category, PublishingChecks
from newsdesk.news.models.checks import OFF, WARNING

from .builders import make_article, make_author, make_category, make_image, story_index

pytestmark = pytest.mark.django_db


def picture(description="", title="IMG_20261204_0931"):
    return SimpleNamespace(title=title, description=description)


def story(**fields):
    """A story as the checks read it, passing every check unless told otherwise."""
    return checks.Story(
        **{
            "headline": "Ferry fares frozen",
            "standfirst": "The council holds prices for a year.",
            "section": SimpleNamespace(name="Transport"),
            "byline_count": 1,
            "pictures": (),
            **fields,
        }
    )


def problems(story, **settings):
    verdict = checks.check_story(story, PublishingChecks(**settings))
    return [(p.field, p.reason) for p in verdict.blocking + verdict.warnings]


def test_a_story_with_everything_passes_every_check():
    assert problems(story()) == []


def test_a_story_without_a_section_is_asked_for_one():
    assert problems(story(section=None)) == [
        ("category", "Choose a section, or Uncategorized if the story belongs in none.")
    ]


def test_uncategorized_chosen_on_purpose_passes():
    uncategorized = Category.objects.uncategorized()
    assert problems(story(section=uncategorized)) == []


def test_a_story_without_a_byline_is_asked_for_one():
    assert problems(story(byline_count=0)) == [
        ("bylines", 'Add a byline: a reporter, or a credit line such as "Staff".')
    ]


def test_every_picture_needs_a_description_unless_it_is_decorative():
    pictures = (
        checks.Picture(picture(), False, "hero_image"),
        checks.Picture(picture("Gulls over the quay"), False, "body", (2,)),
        checks.Picture(picture(title="divider.png"), True, "body", (3, 0)),
        checks.Picture(picture("   "), False, "body", (3, 1)),
    )
    verdict = checks.check_story(story(pictures=pictures), PublishingChecks())
    assert [(p.field, p.place) for p in verdict.blocking] == [("hero_image", ()), ("body", (3, 1))]
    assert verdict.blocking[0].reason.startswith('Describe "IMG_20261204_0931" for readers who')


def test_each_undescribed_picture_in_the_body_gets_its_reason_beside_it():
    problems = [
        checks.Problem("alt_text", "body", "Describe the first", (1,)),
        checks.Problem("alt_text", "body", "Describe the gallery's second", (3, 1)),
        checks.Problem("alt_text", "body", "Describe the gallery's third", (3, 2)),
    ]

    error = checks.body_errors(problems).as_json_data()["blockErrors"]

    assert error[1] == {"blockErrors": {"image": {"messages": ["Describe the first"]}}}
    gallery = error[3]["blockErrors"]["images"]["blockErrors"]
    assert gallery == {
        1: {"blockErrors": {"image": {"messages": ["Describe the gallery's second"]}}},
        2: {"blockErrors": {"image": {"messages": ["Describe the gallery's third"]}}},
    }


def test_a_body_picture_deleted_from_the_library_is_not_checked():
    photo = make_image(title="IMG_20261204_0931")
    story = make_article(
        "Gulls return",
        body=[("image", {"image": photo, "caption": "", "credit": "", "decorative": False})],
    )
    photo.delete()
    story = ArticlePage.objects.get(pk=story.pk)

    assert checks.Story.from_page(story).pictures == ()


def test_a_story_without_a_standfirst_is_asked_for_one():
    [(field, reason)] = problems(story(standfirst=" "))
    assert field == "standfirst" and reason.startswith("Write a standfirst")


def test_a_headline_longer_than_the_limit_is_asked_to_be_shortened():
    assert problems(story(headline="x" * 90), headline_max_length=90) == []
    assert problems(story(headline="x" * 91), headline_max_length=90) == [
        ("title", "Shorten the headline to 90 characters or fewer: it has 91.")
    ]


def test_the_site_setting_makes_a_check_blocking_a_warning_or_off():
    unsigned = story(byline_count=0, headline="x" * 100)

    default = checks.check_story(unsigned, PublishingChecks())
    assert [p.check for p in default.blocking] == ["byline"]
    assert [p.check for p in default.warnings] == ["headline_length"]

    relaxed = checks.check_story(unsigned, PublishingChecks(byline=WARNING, headline_length=OFF))
    assert relaxed.blocking == []
    assert [p.check for p in relaxed.warnings] == ["byline"]


# In the editor


def add_url():
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", story_index().pk))


def story_form(headline, *, publish=True, **extra):
    data = nested_form_data(
        {
            "title": headline,
            "slug": slugify(headline),
            "standfirst": "A short summary of what happened.",
            "body": streamfield([("paragraph", rich_text("<p>What happened.</p>"))]),
            "bylines": inline_formset([{"author": make_author().pk}]),
            "latest_developments_pins": inline_formset([]),
            "category": make_category().pk,
            **extra,
        }
    )
    return {**data, "action-publish": "1"} if publish else data


def test_a_blocking_check_stops_publishing_with_the_reason_beside_the_field(admin_client):
    data = story_form("Harbour closed", category="", bylines=inline_formset([]))

    response = admin_client.post(add_url(), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["category"] == [
        "Choose a section, or Uncategorized if the story belongs in none."
    ]
    assert form.formsets["bylines"].non_form_errors() == [
        'Add a byline: a reporter, or a credit line such as "Staff".'
    ]
    assert 'value="Harbour closed"' in response.content.decode()
    assert not ArticlePage.objects.filter(title="Harbour closed").exists()


def test_saving_a_draft_runs_no_blocking_check(admin_client):
    data = story_form("Harbour closed", publish=False, category="", bylines=inline_formset([]))

    assert admin_client.post(add_url(), data).status_code == 302

    draft = ArticlePage.objects.get(title="Harbour closed")
    assert not draft.live and draft.category is None


def test_an_undescribed_body_picture_is_refused_beside_it_and_a_decorative_one_passes(
    admin_client,
):
    image = make_image(title="IMG_20261204_0931")
    pictures = [
        ("paragraph", rich_text("<p>What happened.</p>")),
        ("image", {"image": image.pk, "caption": "", "credit": "", "decorative": ""}),
    ]
    refused = admin_client.post(add_url(), story_form("Gulls", body=streamfield(pictures)))

    [body_error] = refused.context["form"].errors.as_data()["body"]
    assert list(body_error.block_errors) == [1]
    assert "IMG_20261204_0931" in body_error.block_errors[1].block_errors["image"].message

    pictures[1][1]["decorative"] = "on"
    published = admin_client.post(add_url(), story_form("Gulls", body=streamfield(pictures)))
    assert published.status_code == 302
    assert ArticlePage.objects.get(title="Gulls").live


def test_warnings_are_shown_and_publishing_goes_on(admin_client, client):
    headline = " ".join(["A very long headline"] * 5)

    response = admin_client.post(add_url(), story_form(headline, standfirst=""))

    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert "Write a standfirst" in message and "Shorten the headline to 90 characters" in message
    story = ArticlePage.objects.get(title=headline)
    assert story.live
    assert not BeautifulSoup(client.get(story.url).content, "html.parser").select(".standfirst")


# At the scheduled time


def scheduled(headline, **fields):
    """A story scheduled to go out in an hour."""
    draft = make_article(
        headline, publish=False, go_live_at=timezone.now() + timedelta(hours=1), **fields
    )
    draft.save_revision().publish()
    return draft


def an_hour_later():
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1, minutes=1)
    )


def test_the_scheduler_holds_a_failing_story_and_publishes_a_passing_one(admin_client, caplog):
    reporter, section = make_author("Ada Lane"), make_category("Transport")
    passing = scheduled("Ferry fares frozen", authors=[reporter], category=section)
    failing = scheduled("Harbour closed", category=section)

    with an_hour_later(), caplog.at_level(logging.WARNING, logger="newsdesk.news.checks"):
        publish_due()
        publish_due()

    assert ArticlePage.objects.get(pk=passing.pk).live
    assert not ArticlePage.objects.get(pk=failing.pk).live
    [held] = checks.held_stories()
    assert held.story.pk == failing.pk
    assert held.reasons == ['Add a byline: a reporter, or a credit line such as "Staff".']
    assert len(caplog.records) == 1 and "Harbour closed" in caplog.records[0].getMessage()

    dashboard = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    [row] = dashboard.select("#desk-scheduled-section .desk__held")
    assert row.select_one("a").text == "Harbour closed"
    assert "Goes live" not in dashboard.select_one("#desk-scheduled-section").text
    reasons = row.select_one(".held-reasons").text
    assert reasons == 'held: Add a byline: a reporter, or a credit line such as "Staff".'


def test_a_held_story_goes_out_once_its_picture_is_described():
    photo = make_image(title="IMG_20261204_0931")
    held = scheduled(
        "Gulls return", authors=[make_author()], category=make_category(), hero_image=photo
    )
    with an_hour_later():
        publish_due()
        assert not ArticlePage.objects.get(pk=held.pk).live

        photo.description = "Gulls circling the harbour wall at dawn"
        photo.save()
        publish_due()

    assert ArticlePage.objects.get(pk=held.pk).live
    assert checks.held_stories() == []
