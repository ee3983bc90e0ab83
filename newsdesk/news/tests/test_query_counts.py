"""An uncached page costs the same few queries however big the paper and the story grow.

Each test renders a page twice, once on a small paper and once on a bigger one,
and pins the exact number of queries both times. The first request of each
fills what a busy site keeps warm between requests (picture renditions, in the
cache); Wagtail's site settings are read once per request and counted.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site
from wagtail.rich_text import RichText

from newsdesk.comments.models import Comment
from newsdesk.news.models import FrontPagePick, HomePage, LatestDevelopmentsPin, NewsSettings

from .builders import (
    make_article,
    make_author,
    make_category,
    make_correction,
    make_image,
    paragraphs,
)

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

# The site; the front page, the story index and the story (with its picture) on
# the way to it; view restrictions (2); the category tree; news settings; the
# linked pages in the body (2) and its pictures; "Latest developments" (view
# restrictions, pins, stories); "More from <section>" (view restrictions, as
# ``published()`` reads them for each list, and stories); comment settings;
# comments; tags; bylines; corrections and clarifications; live coverage; the
# footer's menu pages; the newsletters offered in the sign-up box.
ARTICLE_PAGE_QUERIES = 24

# The site; the front page; view restrictions (3, one for the published stories);
# the editor's picks (2); news settings; the latest stories (count and page);
# the category tree; each section's newest; the footer's menu pages.
FRONT_PAGE_QUERIES = 13

# A category's page has the newsletter sign-up box (the newsletters offered: 1).
LISTING_PAGE_QUERIES = {"category": 8, "tag": 8, "author": 8}

# The site; news settings; view restrictions (for the published stories); the notes
# (count, then the page with their stories); the category tree; the footer's menu pages.
CORRECTIONS_PAGE_QUERIES = 7


def nested_category(levels):
    """A category ``levels`` deep: a section, a desk inside it, and so on."""
    category = None
    for _ in range(levels):
        category = make_category(parent=category)
    return category


def linked_body(linked_paragraphs, target, pictures):
    """Paragraphs, ``linked_paragraphs`` of them linking to ``target``, and picture blocks."""
    link = f'<p>Read <a linktype="page" id="{target.pk}">the background</a> first.</p>'
    image = make_image()
    return [
        *paragraphs(3),
        *[("paragraph", RichText(link)) for _ in range(linked_paragraphs)],
        *[("image", {"image": image, "caption": "", "credit": ""}) for _ in range(pictures)],
        *paragraphs(3, prefix="Closing paragraph"),
    ]


def add_discussion(article, comments):
    """``comments`` approved comments in threads: every third starts one, the others reply."""
    parent = None
    for n in range(comments):
        starts = n % 3 == 0
        comment = Comment.objects.create(
            article=article,
            parent=None if starts else parent,
            depth=0 if starts else parent.depth + 1,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            body=f"Comment {n}, with a link: https://example.com/{n}",
            status=Comment.Status.APPROVED,
        )
        parent = comment


def make_story(*, authors, tags, levels, linked_paragraphs, pictures, comments, pins=()):
    background = make_article()
    story = make_article(
        authors=[make_author() for _ in range(authors)],
        tags=[f"tag {n}" for n in range(tags)],
        category=nested_category(levels),
        hero_image=make_image(),
        body=linked_body(linked_paragraphs, background, pictures),
    )
    for order, pinned in enumerate(pins):
        LatestDevelopmentsPin.objects.create(page=story, article=pinned, sort_order=order)
    add_discussion(story, comments)
    return story


def queries_for(url, django_assert_num_queries, expected):
    client = Client()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_article_page_queries_do_not_grow_with_the_story_or_the_paper(
    django_assert_num_queries,
):
    small = make_story(authors=1, tags=1, levels=1, linked_paragraphs=1, pictures=1, comments=1)
    queries_for(small.url, django_assert_num_queries, ARTICLE_PAGE_QUERIES)

    for _ in range(20):
        make_article(category=make_category(), authors=[make_author()], tags=["more"])
    pins = [make_article() for _ in range(3)]
    big = make_story(
        authors=4, tags=6, levels=4, linked_paragraphs=5, pictures=3, comments=50, pins=pins
    )
    make_correction(big)
    make_correction(big, "The bridge is 40 m long.", kind="clarification", withdrawn=True)
    response = queries_for(big.url, django_assert_num_queries, ARTICLE_PAGE_QUERIES)

    thread = BeautifulSoup(response.content, "html.parser")
    assert len(thread.select("li.comment")) == 50
    assert thread.select_one("#comments-title").text == "50 comments"


def test_a_readers_reply_link_costs_no_more_queries(django_assert_num_queries):
    story = make_story(authors=2, tags=2, levels=2, linked_paragraphs=1, pictures=1, comments=9)
    reply_to = Comment.objects.filter(article=story, parent=None).first()
    response = queries_for(
        f"{story.url}?replytocom={reply_to.pk}", django_assert_num_queries, ARTICLE_PAGE_QUERIES
    )
    assert "Reply to" in response.content.decode()


def add_section(name, stories, image):
    """A top-level section with a desk inside it; ``stories`` stories spread across both."""
    section = make_category(name)
    desk = make_category(f"{name} desk", parent=section)
    made = []
    for n in range(stories):
        story = make_article(
            category=desk if n % 2 else section,
            authors=[make_author()],
            tags=[f"{name} tag {n % 3}"],
            hero_image=image,
        )
        add_discussion(story, n % 4)
        made.append(story)
    return made


def test_front_page_queries_do_not_grow_with_stories_sections_or_picks(
    django_assert_num_queries,
):
    image = make_image()
    for name in ["Sport", "Politics"]:
        add_section(name, 2, image)
    make_article(hero_image=image)
    queries_for("/", django_assert_num_queries, FRONT_PAGE_QUERIES)

    stories = []
    for name in ["Business", "Culture", "Science", "Transport"]:
        stories += add_section(name, 14, image)
    front = HomePage.objects.get()
    for order, story in enumerate(stories[:3]):
        FrontPagePick.objects.create(page=front, article=story, sort_order=order)
    response = queries_for("/", django_assert_num_queries, FRONT_PAGE_QUERIES)

    front_page = BeautifulSoup(response.content, "html.parser")
    assert len(front_page.select(".front-section")) == 6


@pytest.mark.parametrize("kind", ["category", "tag", "author"])
def test_listing_page_queries_do_not_grow_with_the_paper(kind, django_assert_num_queries):
    section = make_category("Harbour")
    reporter = make_author("Ada Lane")

    def add_stories(count):
        for _ in range(count):
            make_article(
                category=make_category(parent=section),
                authors=[reporter, make_author()],
                tags=["harbour", "town"],
            )

    url = {"category": "/category/harbour/", "tag": "/tag/harbour/", "author": "/author/ada-lane/"}
    add_stories(2)
    queries_for(url[kind], django_assert_num_queries, LISTING_PAGE_QUERIES[kind])
    add_stories(16)
    queries_for(url[kind], django_assert_num_queries, LISTING_PAGE_QUERIES[kind])
    queries_for(f"{url[kind]}?page=2", django_assert_num_queries, LISTING_PAGE_QUERIES[kind])


def test_corrections_page_queries_do_not_grow_with_the_notes(django_assert_num_queries):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = 4
    settings.save()

    def add_notes(count):
        for n in range(count):
            make_correction(make_article(category=make_category()), f"Note {n}.")

    add_notes(1)
    queries_for("/corrections/", django_assert_num_queries, CORRECTIONS_PAGE_QUERIES)
    add_notes(5)
    queries_for("/corrections/", django_assert_num_queries, CORRECTIONS_PAGE_QUERIES)
    queries_for("/corrections/?page=2", django_assert_num_queries, CORRECTIONS_PAGE_QUERIES)
