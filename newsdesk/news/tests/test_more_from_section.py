""" "More from <section>" at the end of a story: the section's newest other stories."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from .builders import make_article, make_category, minutes_ago

pytestmark = pytest.mark.django_db


def more_from(client, article):
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    return page.select_one(".more-from-section")


def test_lists_the_four_newest_other_stories_of_the_section(client):
    city, sport = make_category("City"), make_category("Sport")
    for minutes in range(10, 70, 10):
        make_article(f"City story {minutes}", category=city, published_at=minutes_ago(minutes))
    make_article("Cup final tonight", category=sport)
    article = make_article("This story", category=city, published_at=minutes_ago(5))

    box = more_from(client, article)

    assert box.h2.text == "More from City"
    assert box.h2.a["href"] == city.get_absolute_url()
    links = box.select("li a")
    assert [a.text for a in links] == [f"City story {m}" for m in (10, 20, 30, 40)]
    assert links[0]["href"] == article.get_parent().url + "city-story-10/"


def test_never_lists_a_draft_a_scheduled_or_a_withdrawn_story(client):
    city = make_category("City")
    article = make_article("This story", category=city)
    make_article("Unpublished draft", category=city, publish=False)
    scheduled = make_article("Embargoed story", category=city, publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    make_article("Withdrawn story", category=city).unpublish()
    make_article("Visible story", category=city)

    assert [a.text for a in more_from(client, article).select("li a")] == ["Visible story"]


def test_absent_when_the_section_has_no_other_story_or_the_story_no_section(client):
    make_article("Filed nowhere either")
    alone = make_article("Only city story", category=make_category("City"))
    unfiled = make_article("Filed nowhere")

    assert more_from(client, alone) is None
    assert more_from(client, unfiled) is None
