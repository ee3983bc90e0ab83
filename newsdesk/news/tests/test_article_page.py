"""What a reader sees on an article page, and in what order."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.rich_text import RichText

from newsdesk.comments.models import Comment
from newsdesk.news.models import LatestDevelopmentsPin

from .builders import make_article, make_author, make_category, make_image, paragraphs

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def position(html, marker):
    index = html.find(marker)
    assert index >= 0, f"{marker!r} is not on the page"
    return index


def test_article_page_shows_its_eight_parts_in_order(client):
    earlier = make_article(
        "Ferry timetable changes", published_at=timezone.now() - timedelta(hours=3)
    )
    article = make_article(
        "Harbour bridge reopens after repairs",
        category=make_category("Transport"),
        authors=[make_author("Ada Lane"), make_author("Tomas Reed")],
        tags=["bridges", "harbour"],
        standfirst="The crossing carries traffic again after eight months of work.",
        body=[
            *paragraphs(4),
            ("heading", {"text": "What changes for drivers", "level": "h2"}),
            ("paragraph", RichText("<ul><li>Both lanes open from six in the morning</li></ul>")),
            ("quote", {"quote": "We are proud of the crews.", "attribution": "The site manager"}),
            (
                "image",
                {"image": make_image(), "caption": "The bridge at first light", "credit": ""},
            ),
            *paragraphs(2, prefix="Closing paragraph"),
        ],
    )
    Comment.objects.create(
        article=article,
        name="Rosa Quill",
        email="rosa@example.com",
        body="Good news at last.",
        status=Comment.Status.APPROVED,
    )

    html = client.get(article.url).content.decode()

    ordered_markers = [
        'class="article-section"',
        "<h1",
        'class="standfirst"',
        'rel="author"',
        'class="dateline"',
        "Paragraph 1 of the story.",
        "Latest developments",
        '<h2 class="body-heading">What changes for drivers</h2>',
        "<li>Both lanes open from six in the morning</li>",
        "We are proud of the crews.",
        "The site manager",
        "The bridge at first light",
        "Photo: Newsdesk staff",
        'rel="tag"',
        "Good news at last.",
        "Leave a Reply",
    ]
    positions = [position(html, marker) for marker in ordered_markers]
    assert positions == sorted(positions)
    assert html.count("<h1") == 1
    assert earlier.title in html


def test_category_label_links_to_its_category_page(client):
    category = make_category("Environment")
    page = soup_of(client.get(make_article(category=category).url))
    label = page.select_one(".article-section a")
    assert label.text == "Environment"
    assert label["href"] == "/category/environment/"


def test_story_filed_nowhere_shows_uncategorized(client):
    page = soup_of(client.get(make_article("Unfiled note").url))
    label = page.select_one(".article-section a")
    assert label.text == "Uncategorized"
    assert client.get(label["href"]).status_code == 200


def test_bylines_link_to_each_authors_page(client):
    article = make_article(authors=[make_author("Ada Lane"), make_author("Tomas Reed")])
    page = soup_of(client.get(article.url))
    links = [(a.text, a["href"]) for a in page.select(".byline a")]
    assert links == [("Ada Lane", "/author/ada-lane/"), ("Tomas Reed", "/author/tomas-reed/")]
    assert "Ada Lane and Tomas Reed" in page.select_one(".byline").text


def test_bylines_read_grouped_by_role_with_credit_lines_as_plain_text(client):
    ada, tomas, lena = make_author("Ada Lane"), make_author("Tomas Reed"), make_author("Lena Marsh")
    article = make_article(
        authors=[ada],
        bylines=[
            (lena, "Photographs"),
            (tomas, "Additional reporting"),
            ("Estuary News Agency", "Reporting"),
            ("Staff", "Photographs"),
        ],
    )

    byline = soup_of(client.get(article.url)).select_one(".byline")

    assert " ".join(byline.text.split()) == (
        "By Ada Lane and Estuary News Agency · Photographs by Lena Marsh and Staff"
        " · Additional reporting by Tomas Reed"
    )
    links = [(a.text, a["href"]) for a in byline.select("a")]
    assert links == [
        ("Ada Lane", "/author/ada-lane/"),
        ("Lena Marsh", "/author/lena-marsh/"),
        ("Tomas Reed", "/author/tomas-reed/"),
    ]


def test_dateline_opens_the_first_paragraph(client):
    article = make_article(dateline="Eastmere", body=paragraphs(2))

    first = soup_of(client.get(article.url)).select_one(".article-body > p")

    assert first.select_one(".story-dateline").text == "Eastmere"
    assert first.text.startswith("Eastmere — Paragraph 1 of the story.")


def test_story_without_authors_has_no_empty_byline(client):
    page = soup_of(client.get(make_article(authors=[]).url))
    assert page.select(".byline") == []


def test_hero_image_offers_sizes_for_phones_and_wide_screens(client):
    picture = make_image(title="IMG_0931", description="Harbour at dawn", size=(1100, 825))
    article = make_article(hero_image=picture)
    hero = soup_of(client.get(article.url)).select_one(".article-hero img")
    assert len(hero["srcset"].split(",")) >= 2
    assert hero["alt"] == "Harbour at dawn"


def test_times_are_machine_readable_and_shown_in_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Europe/London"
    summer_noon_utc = datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    article = make_article(published_at=summer_noon_utc)
    time = soup_of(client.get(article.url)).select_one(".dateline time")
    assert time["datetime"].startswith("2026-07-01T12:00:00+01:00")
    assert "12:00" in time.text


def test_tags_link_to_tag_pages(client):
    article = make_article(tags=["flood defences"])
    page = soup_of(client.get(article.url))
    tag = page.select_one('a[rel="tag"]')
    assert tag.text == "flood defences"
    assert client.get(tag["href"]).status_code == 200


def test_rich_text_lists_and_links_survive_in_the_body(client):
    body = [
        (
            "paragraph",
            RichText(
                "<ul><li>First point</li></ul>"
                '<p>See <a href="https://example.org/x">the report</a>.</p>'
            ),
        )
    ]
    page = soup_of(client.get(make_article(body=body).url))
    assert page.select_one(".article-body ul li").text == "First point"
    assert page.select_one('.article-body a[href="https://example.org/x"]').text == "the report"


def test_draft_and_scheduled_stories_are_not_served_to_readers(client):
    draft = make_article("A draft", publish=False)
    scheduled = make_article("An embargoed story", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()

    assert not scheduled.live
    assert client.get(f"/news/{draft.slug}/").status_code == 404
    assert client.get(f"/news/{scheduled.slug}/").status_code == 404


# The footer's menu pages, the story's live coverage and the newsletters offered included.
ARTICLE_PAGE_QUERIES = 21


def story_by(count, pinned):
    """A story with ``count`` authors, three tags and ``pinned`` stories in its box."""
    article = make_article(
        authors=[make_author() for _ in range(count)],
        category=make_category(parent=make_category()),
        tags=["harbour", "bridges", "council"],
    )
    for order, story in enumerate(pinned):
        LatestDevelopmentsPin.objects.create(page=article, article=story, sort_order=order)
    return article


def test_article_page_needs_no_more_queries_for_more_authors(client, django_assert_max_num_queries):
    pinned = [make_article(f"Background {n}") for n in range(3)]
    counts = []
    for authors in (1, 4):
        article = story_by(authors, pinned)
        client.get(article.url)  # fills the caches a busy site keeps warm: settings
        with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES) as queries:
            page = soup_of(client.get(article.url))
        assert len(page.select(".byline a")) == authors
        assert len(page.select(".latest-developments li")) == 3
        counts.append(len(queries))
    assert counts[0] == counts[1]
