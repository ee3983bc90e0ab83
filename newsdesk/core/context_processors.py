from django.conf import settings
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

# The slug of the privacy notice under the front page, which the comment form links.
PRIVACY_NOTICE_SLUG = "privacy"


def site_identity(request):
    """The publication's name, the pages its editors put in menus and the privacy notice.

    The pages are fetched only when a template shows them, in one query for both.
    """
    site = Site.find_for_request(request)
    pages = SimpleLazyObject(lambda: top_pages(site))
    return {
        "site_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
        "menu_pages": SimpleLazyObject(lambda: pages["menu"]),
        "privacy_notice": SimpleLazyObject(lambda: pages["privacy"]),
    }


def top_pages(site):
    """The live pages right under the front page that readers are pointed to from every page.

    ``menu``: those editors marked "Show in menus". A restricted page is listed
    too: it asks for its password or login when opened. ``privacy``: the
    privacy notice, or ``None`` when editors unpublished or deleted it.
    """
    if site is None:
        return {"menu": [], "privacy": None}
    wanted = Q(show_in_menus=True) | Q(slug=PRIVACY_NOTICE_SLUG)
    pages = list(site.root_page.get_children().live().filter(wanted))
    return {
        "menu": [page for page in pages if page.show_in_menus],
        "privacy": next((page for page in pages if page.slug == PRIVACY_NOTICE_SLUG), None),
    }
