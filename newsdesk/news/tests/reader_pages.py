"""A small paper with every page type a reader can reach, for the validators to walk through."""

from django.utils import timezone
from wagtail.models import Page, Site

from newsdesk.comments.models import Comment
from newsdesk.core.models import StandardPage
from newsdesk.news.models import NewsSettings

from .builders import (
    make_article,
    make_author,
    make_category,
    make_correction,
    make_image,
    paragraphs,
)

# Four stories a page (the least the settings allow) and five stories: every listing has a page 2.
STORIES_PER_PAGE = 4


def approved_comment(article, name, body, parent=None, website=""):
    """A comment already approved by a moderator, as a reply to ``parent`` when given."""
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=f"{name.split()[0].lower()}@example.com",
        website=website,
        body=body,
        status=Comment.Status.APPROVED,
    )


def build_reader_pages():
    """Build the paper; returns ``(article, {page name: path})`` for every listing and page.

    The article carries an approved thread with replies; the pending comment of one's
    own and the form error need a reader's post, so the tests add them.
    """
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = STORIES_PER_PAGE
    settings.save()
    harbour = make_category("Harbour")
    ferries = make_category("Ferries", parent=harbour)
    # One picture everywhere a page shows one: hero, cards, body, gallery, portrait.
    # Wide enough for several sizes of every set, so each srcset lists several.
    picture = make_image(description="The early ferry leaving the pier", size=(1100, 825))
    reporter = make_author(
        "Ada Lane",
        role="Harbour reporter",
        bio="Covers the harbour and its ferries.",
        photo=picture,
    )
    pictured = [
        ("image", {"image": picture, "caption": "The pier at dawn.", "credit": ""}),
        ("gallery", {"images": [{"image": picture, "caption": "", "credit": ""}], "caption": ""}),
    ]
    for n in range(1, STORIES_PER_PAGE + 1):
        make_article(
            f"Ferry timetable {n}",
            category=ferries,
            authors=[reporter],
            tags=["harbour"],
            hero_image=picture,
            body=[*paragraphs(3), *pictured],
        )
    # The story read on its own has a dateline and every kind of byline.
    article = make_article(
        f"Ferry timetable {STORIES_PER_PAGE + 1}",
        category=ferries,
        authors=[reporter],
        bylines=[("Estuary News Agency", "Reporting"), ("Staff", "Photographs")],
        dateline="Eastmere",
        tags=["harbour"],
        hero_image=picture,
        body=[*paragraphs(3), *pictured],
    )
    question = approved_comment(
        article, "Ola Berg", "Who pays for the new pier?", website="https://example.org/"
    )
    answer = approved_comment(article, "Sam Roe", "The council, see www.example.org/.", question)
    approved_comment(article, "Ola Berg", "Thanks, that helps.\n\nA lot.", answer)
    make_correction(article, "The pier opens in May, not in March.")
    make_correction(article, "The fares are per crossing.", kind="clarification", withdrawn=True)

    home = Page.objects.get(depth=2)
    about = home.add_child(
        instance=StandardPage(title="About us", slug="about", introduction="Who we are.")
    )
    day = timezone.localdate(article.first_published_at)
    year, month = f"{day:%Y}", f"{day:%Y/%m}"
    paths = {
        "front page": "/",
        "front page, page 2": "/?page=2",
        "article": article.url,
        "category": "/category/harbour/",
        "category, page 2": "/category/harbour/?page=2",
        "subcategory": "/category/ferries/",
        "subcategory, page 2": "/category/ferries/?page=2",
        "tag": "/tag/harbour/",
        "tag, page 2": "/tag/harbour/?page=2",
        "author": "/author/ada-lane/",
        "author, page 2": "/author/ada-lane/?page=2",
        "search": "/search/?q=ferry",
        "search, page 2": "/search/?q=ferry&page=2",
        "search with no results": "/search/?q=zeppelin",
        "year archive": f"/{year}/",
        "year archive, page 2": f"/{year}/?page=2",
        "month archive": f"/{month}/",
        "month archive, page 2": f"/{month}/?page=2",
        "day archive": f"/{day:%Y/%m/%d}/",
        "day archive, page 2": f"/{day:%Y/%m/%d}/?page=2",
        "story index": "/news/",
        "story index, page 2": "/news/?page=2",
        "plain page": about.url,
        "corrections": "/corrections/",
    }
    return article, paths
