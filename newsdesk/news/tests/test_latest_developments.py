"""The "Latest developments" box: which stories it lists and where it sits."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from newsdesk.news.models import LatestDevelopmentsPin, NewsSettings

from .builders import make_article, minutes_ago, paragraphs

pytestmark = pytest.mark.django_db


def box_headlines(client, article):
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [link.text for link in page.select(".latest-developments li a")]


def test_lists_the_three_newest_other_published_stories(client):
    for minutes, title in [(50, "Oldest"), (40, "Older"), (30, "Newer"), (20, "Newest")]:
        make_article(title, published_at=minutes_ago(minutes))
    article = make_article("This story", published_at=minutes_ago(60))
    assert box_headlines(client, article) == ["Newest", "Newer", "Older"]


def test_never_lists_the_article_itself_a_draft_or_a_scheduled_story(client):
    article = make_article("This story")
    make_article("Unpublished draft", publish=False)
    scheduled = make_article("Embargoed story", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    make_article("Visible story")
    unpublished = make_article("Withdrawn story")
    unpublished.unpublish()

    headlines = box_headlines(client, article)
    assert headlines == ["Visible story"]


def test_changes_when_a_newer_story_is_published(client):
    article = make_article("This story", published_at=minutes_ago(30))
    make_article("Earlier story", published_at=minutes_ago(20))
    assert box_headlines(client, article) == ["Earlier story"]

    fresh = make_article("Breaking story", publish=False)
    fresh.save_revision().publish()
    assert box_headlines(client, article) == ["Breaking story", "Earlier story"]


def test_editor_pins_replace_the_automatic_list(client):
    old = make_article("Background explainer", published_at=minutes_ago(500))
    make_article("Unrelated newer story")
    draft = make_article("Draft follow-up", publish=False)
    article = make_article("This story")
    LatestDevelopmentsPin.objects.create(page=article, article=draft, sort_order=0)
    LatestDevelopmentsPin.objects.create(page=article, article=old, sort_order=1)
    assert box_headlines(client, article) == ["Background explainer"]


def box_follows_paragraph(client, article):
    """The last paragraph text that comes before the box."""
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    box = page.select_one(".article-body .latest-developments")
    before = [p.text for p in box.find_all_previous("p") if "of the story" in p.text]
    return before[0] if before else None


def test_box_sits_after_paragraph_four_by_default(client):
    article = make_article(body=paragraphs(8))
    assert box_follows_paragraph(client, article) == "Paragraph 4 of the story."


def test_box_position_is_a_site_setting(client):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.latest_developments_after_paragraph = 2
    settings.save()
    article = make_article(body=paragraphs(8))
    assert box_follows_paragraph(client, article) == "Paragraph 2 of the story."


def test_paragraphs_inside_one_block_are_counted_one_by_one(client):
    text = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(1, 7))
    article = make_article(body=[("paragraph", RichText(text))])
    assert box_follows_paragraph(client, article) == "Paragraph 4 of the story."


def test_box_goes_at_the_end_of_a_short_story(client):
    article = make_article(body=paragraphs(2))
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    body = page.select_one(".article-body")
    children = [child for child in body.children if getattr(child, "name", None)]
    assert children[-1]["class"] == ["latest-developments"]
