"""Pages an editor marks "Show in menus" are linked from every page's footer."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from newsdesk.core.models import StandardPage

pytestmark = pytest.mark.django_db


def footer_links():
    page = BeautifulSoup(Client().get("/").content, "html.parser")
    return [(a.text, a["href"]) for a in page.select(".site-footer .footer-pages a")]


def add_page(title, slug, show_in_menus, live=True):
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(title=title, slug=slug, show_in_menus=show_in_menus, live=live)
    home.add_child(instance=page)
    return page


def test_footer_links_the_live_pages_marked_for_menus_and_nothing_else():
    add_page("About us", "about", show_in_menus=True)
    add_page("Contact", "contact", show_in_menus=False)
    add_page("Jobs", "jobs", show_in_menus=True, live=False)
    assert footer_links() == [("About us", "/about/")]
