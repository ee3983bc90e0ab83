"""The "Remember my name…" box is the same for every reader: the page stays shareable."""

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static
from django.test import Client

from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db


def test_remember_box_is_hidden_unticked_and_left_to_a_script_served_from_the_site():
    response = Client().get(make_article().url)
    form = BeautifulSoup(response.content, "html.parser").select_one("#commentform")

    box = form.select_one("#comment-remember")
    label = form.select_one("label[for=comment-remember]")
    assert label.text == "Remember my name, email and website in this browser"
    assert box.find_parent("p").has_attr("hidden")
    assert not box.has_attr("checked")
    # Without a name it is never sent: the server stores and sets nothing for it.
    assert not box.has_attr("name")
    scripts = form.select("script")
    assert static("newsdesk/js/remember-author.js") in [s.get("src") for s in scripts]
    assert all(s.get("src") and not s.string for s in scripts)
    assert "Set-Cookie" not in response.headers
