"""Tags that put a page's search-engine and share-card metadata in its <head>.

They read the context the page already has and hand plain values to small
templates under ``syndication/seo/``; nothing here queries per story, tag or author.
"""

from django import template
from django.db.models import prefetch_related_objects

from newsdesk.core import pictures

from .. import metadata, page_types, structured_data

register = template.Library()


@register.inclusion_tag("syndication/seo/description.html", takes_context=True)
def meta_description(context):
    """The page's meta description, for pages whose template does not write its own."""
    summary = metadata.summarise(context)
    return {"description": summary.description if summary else ""}


@register.inclusion_tag("syndication/seo/robots.html", takes_context=True)
def robots_meta(context):
    """The robots meta element, when the page should stay out of search results."""
    return {"robots": metadata.robots_directive(context)}


@register.inclusion_tag("syndication/seo/head.html", takes_context=True)
def share_metadata(context):
    """Canonical link, Open Graph, X card and JSON-LD for the page in ``context``."""
    request = context.get("request")
    # Without a request there is no host to build absolute URLs from.
    if request is None:
        return {}
    summary = metadata.summarise(context)
    url = metadata.canonical_url(request, metadata.listing_page_number(context))
    article = summary.article if summary is not None else None
    tags = tag_names(article) if article else []
    renditions = hero_renditions(article)
    blocks = page_types.structured_data(
        context, request, summary, url=url, images=article_images(renditions, request), tags=tags
    )
    shared = {"structured_data": [structured_data.script_json(block) for block in blocks]}
    # Error pages and the empty search form have neither a summary nor a
    # listing, and so no canonical address.
    if summary is None and metadata.listing(context) is None:
        return shared
    # Search results name no canonical address: the address without the query
    # would point search engines at another page, contradicting the noindex.
    shared["canonical"] = "" if context.get("robots_noindex") else url
    if summary is None:
        # A listing no summary describes (a date archive) has no share card.
        return shared
    image = None
    if renditions:
        rendition = renditions[metadata.SHARE_IMAGE_FILTER]
        image = metadata.share_image(article.hero_image, rendition, request)
    site_name = context.get("site_name", "")
    shared["open_graph"] = metadata.open_graph(
        summary, request, url=url, site_name=site_name, image=image, tags=tags
    )
    shared["twitter_card"] = metadata.twitter_card(summary, image)
    return shared


def tag_names(article):
    """The names of a story's tags.

    They are prefetched onto the page itself, so the tag list further down the
    story reads them from there instead of asking the database a second time.
    """
    prefetch_related_objects([article], "tags")
    return [tag.name for tag in article.tags.all()]


def hero_renditions(article):
    """Every rendition the metadata needs of a story's hero image, keyed by size.

    One ``get_renditions`` call finds them all (from the rendition cache once
    warm), rather than one lookup per aspect ratio.
    """
    if article is None or article.hero_image is None:
        return {}
    return pictures.renditions(article.hero_image, "structured_data", "share")


def article_images(renditions, request):
    """The absolute URLs of a story's picture in each of the NewsArticle's ratios, if it has one."""
    if not renditions:
        return []
    return [
        request.build_absolute_uri(renditions[spec].url)
        for spec in structured_data.ARTICLE_IMAGE_FILTERS
    ]
