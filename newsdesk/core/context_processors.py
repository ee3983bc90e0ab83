from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def site_identity(request):
    """The publication's name, and the pages its editors put in menus, for every template.

    The pages are fetched only when a template shows them.
    """
    site = Site.find_for_request(request)
    return {
        "site_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
        "menu_pages": SimpleLazyObject(lambda: menu_pages(site)),
    }


def menu_pages(site):
    """The live pages right under the front page that editors marked "Show in menus".

    A restricted page is listed too: it asks for its password or login when opened.
    """
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu())
