"""Schema.org JSON-LD for search engines, built as plain dicts.

Each builder takes what it describes and a request, and returns a dict ready
for ``script_json``. Every URL is made absolute from the request, never from
Wagtail's Site record, so the markup names the host the reader (or crawler)
actually used.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from newsdesk.core import pictures

SCHEMA_CONTEXT = "https://schema.org"
# Google's article guidelines: headlines longer than this may be cut in results.
HEADLINE_LENGTH = 110
# Google asks for several aspect ratios so each result layout gets a fitting crop.
ARTICLE_IMAGE_FILTERS = pictures.SETS["structured_data"].sizes
LOGO_PATH = "newsdesk/logo.png"
LOGO_SIZE = (512, 512)
SEARCH_TERM = "search_term_string"

# The same characters json_script escapes: inside <script>, "</script>" or "<!--"
# in a headline must stay text, and JSON parsers read \u003C back as "<".
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data):
    """Serialise ``data`` as JSON that is safe to place between <script> tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def iso_datetime(value):
    """``value`` in the site's time zone as ISO 8601 with its UTC offset, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def language_tag():
    """The active language as a BCP 47 tag ("en-GB"), as schema.org's inLanguage wants it."""
    return translation.to_locale(translation.get_language()).replace("_", "-")


def site_root_url(request):
    """The absolute URL of the front page."""
    return request.build_absolute_uri(reverse("wagtail_serve", args=("",)))


def organization(request, site_name):
    """The paper as an Organization with its logo: the publisher of every story."""
    root = site_root_url(request)
    width, height = LOGO_SIZE
    return {
        "@type": "Organization",
        "@id": f"{root}#publisher",
        "name": site_name,
        "url": root,
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def person(author, request):
    """An author as a Person, linked to their page on this site.

    The ``@id`` is the one their profile page gives them, so a crawler knows the
    byline and the profile name the same person.
    """
    url = request.build_absolute_uri(author.get_absolute_url())
    return {"@type": "Person", "@id": f"{url}#person", "name": author.name, "url": url}


def profile(author, request, *, image_url=None):
    """The Person an author's page is about: with their role, biography and picture."""
    data = person(author, request)
    if author.role:
        data["jobTitle"] = author.role
    if author.bio:
        data["description"] = author.bio
    if image_url:
        data["image"] = image_url
    return data


def credited(byline, request):
    """A byline: a reporter is a Person with their page, a credit line an Organization.

    Credit lines are for news agencies and the desk ("Staff"), not people, and
    Google asks for an organisation's name to be marked as an Organization, never
    as a Person.
    """
    if byline.author_id:
        return person(byline.author, request)
    return {"@type": "Organization", "name": byline.name}


def bylines_and_place(article, request):
    """``author`` (the Reporting bylines), ``contributor`` (every other role) and the dateline
    as ``locationCreated``; a story without a byline is credited to the paper by its caller."""
    data = {"author": [], "contributor": []}
    for group in article.byline_groups():
        key = "author" if group.is_lead else "contributor"
        data[key] += [credited(byline, request) for byline in group.bylines]
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    return {key: value for key, value in data.items() if value}


def news_article(article, request, *, url, site_name, images=(), tags=(), comment_count=None):
    """A NewsArticle with every property Google documents for articles.

    ``url`` is the story's canonical address; ``images`` are absolute URLs of its
    hero picture in the ratios of ``ARTICLE_IMAGE_FILTERS``; ``tags`` are tag names.
    A story without a byline is credited to the paper itself.
    """
    publisher = organization(request, site_name)
    credits = bylines_and_place(article, request)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(HEADLINE_LENGTH),
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": [publisher],
        **credits,
        "publisher": publisher,
        "articleSection": article.section.name,
        "inLanguage": language_tag(),
    }
    if images:
        data["image"] = list(images)
    if article.published_at:
        data["datePublished"] = iso_datetime(article.published_at)
        data["dateModified"] = iso_datetime(article.updated_at or article.published_at)
    if tags:
        data["keywords"] = list(tags)
    if comment_count is not None:
        data["commentCount"] = comment_count
    add_corrections(data, article)
    return data


def add_corrections(data, article):
    """Give ``data`` the story's standing corrections and clarifications as ``correction``.

    Each is a CorrectionComment dated when it was added. A withdrawn note no
    longer says anything about the story, so it is left out here; readers
    still see where it stood.
    """
    notes = [note for note in article.correction_notes if not note.is_withdrawn]
    if notes:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.text,
                "datePublished": iso_datetime(note.created_at),
            }
            for note in notes
        ]


def breadcrumb_list(crumbs, *, url):
    """A BreadcrumbList from ``(name, absolute URL)`` pairs, outermost first.

    ``url`` is the address of the page the trail is on, which names the trail.
    """
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "@id": f"{url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": crumb}
            for position, (name, crumb) in enumerate(crumbs, start=1)
        ],
    }


def home_crumb(request):
    """The first crumb of every trail: the front page."""
    return (gettext("Home"), site_root_url(request))


def category_trail(category, request):
    """``(name, URL)`` pairs from the front page down to ``category``, itself included."""
    sections = [*category.ancestors(), category]
    crumbs = ((c.name, request.build_absolute_uri(c.get_absolute_url())) for c in sections)
    return [home_crumb(request), *crumbs]


def article_breadcrumbs(article, request, *, url):
    """Home, then each section from the top-level one down, then the story."""
    return breadcrumb_list(
        [*category_trail(article.section, request), (article.title, url)], url=url
    )


def item_list(urls, *, url, first_position=1):
    """The stories a listing page shows, as an ItemList of their addresses in the order shown.

    This is the "summary page" list Google reads for carousels. ``url`` is the
    listing page's address; on a later page, ``first_position`` is the first
    story's place in the whole listing, so positions run on from page to page.
    """
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "ItemList",
        "@id": f"{url}#stories",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": story}
            for position, story in enumerate(urls, start=first_position)
        ],
    }


def web_page(kind, request, *, url, name, description="", breadcrumbs=False, main_entity=None):
    """A page of the site as a schema.org WebPage ``kind`` (CollectionPage, ProfilePage…).

    ``breadcrumbs`` says whether the page's ``breadcrumb_list`` is on it too;
    ``main_entity`` is what the page is about, or a reference to it.
    """
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": kind,
        "@id": f"{url}#webpage",
        "url": url,
        "name": name,
        "inLanguage": language_tag(),
        "isPartOf": {"@id": f"{site_root_url(request)}#website"},
    }
    if description:
        data["description"] = description
    if breadcrumbs:
        data["breadcrumb"] = {"@id": f"{url}#breadcrumb"}
    if main_entity is not None:
        data["mainEntity"] = main_entity
    return data


def website(request, site_name, *, search_path):
    """The site as a WebSite whose SearchAction sends a query to ``search_path``."""
    root = site_root_url(request)
    # Built after build_absolute_uri, which would percent-encode the braces.
    target = f"{request.build_absolute_uri(search_path)}?q={{{SEARCH_TERM}}}"
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebSite",
        "@id": f"{root}#website",
        "name": site_name,
        "url": root,
        "inLanguage": language_tag(),
        "publisher": {"@id": f"{root}#publisher"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": target},
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


def publisher_card(request, site_name):
    """The paper's Organization as a standalone block, for the front page."""
    return {"@context": SCHEMA_CONTEXT, **organization(request, site_name)}
