"""Editors file stories in nested categories; Uncategorized is always there for the rest."""

import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from newsdesk.news.models import ArticlePage, Category

from .builders import make_article, make_category

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_news_category:list")


def edit_url(category):
    return reverse("wagtailsnippets_news_category:edit", args=[category.pk])


def delete_url(category):
    return reverse("wagtailsnippets_news_category:delete", args=[category.pk])


def category_form(category, **changes):
    """The edit form as the admin sends it back, with ``changes`` typed in."""
    return {
        "name": category.name,
        "slug": category.slug,
        "parent": category.parent_id or "",
        "description": category.description,
        "sort_order": category.sort_order,
        **changes,
    }


def form_errors(response):
    assert response.status_code == 200, "the form should be shown again, not saved"
    return response.context["form"].errors


def test_uncategorized_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        Category.objects.uncategorized().delete()


def test_uncategorized_is_only_ever_read_never_made_on_the_way():
    """Its row comes from a migration: asking for it without one fails rather than writing."""
    Category.objects.filter(slug=Category.UNCATEGORIZED_SLUG).delete()

    with pytest.raises(Category.DoesNotExist):
        Category.objects.uncategorized()
    assert not Category.objects.exists()


def test_deleting_a_category_refiles_its_stories_as_uncategorized():
    weather = make_category("Weather")
    article = make_article(category=weather)
    weather.delete()
    assert ArticlePage.objects.get(pk=article.pk).category == Category.objects.uncategorized()


def test_admin_offers_no_delete_for_uncategorized(admin_client):
    uncategorized = Category.objects.uncategorized()
    weather = make_category("Weather")

    listing = admin_client.get(LIST_URL).content.decode()
    edit_page = admin_client.get(edit_url(uncategorized)).content.decode()

    assert delete_url(weather) in listing
    assert delete_url(uncategorized) not in listing
    assert delete_url(uncategorized) not in edit_page


@pytest.mark.parametrize("method", ["get", "post"])
def test_delete_address_of_uncategorized_refuses_without_an_error_page(admin_client, method):
    uncategorized = Category.objects.uncategorized()

    response = getattr(admin_client, method)(delete_url(uncategorized), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    messages = [str(message).strip() for message in response.context["messages"]]
    assert messages == ["Sorry, you do not have permission to access this area."]
    assert Category.objects.filter(pk=uncategorized.pk).exists()


def test_bulk_delete_leaves_uncategorized_and_deletes_the_rest(admin_client):
    uncategorized = Category.objects.uncategorized()
    weather = make_category("Weather")
    query = urlencode([("id", uncategorized.pk), ("id", weather.pk), ("next", LIST_URL)])
    url = f"{reverse('wagtail_bulk_action', args=['news', 'category', 'delete'])}?{query}"

    confirmation = BeautifulSoup(admin_client.get(url).content, "html.parser")
    response = admin_client.post(url)

    refusal = confirmation.find("p", string=re.compile("permission to delete this category"))
    assert refusal.find_next("ul").text.split() == ["Uncategorized"]
    assert response.status_code == 302
    assert list(Category.objects.values_list("name", flat=True)) == ["Uncategorized"]


def test_address_of_uncategorized_is_read_only_in_the_admin(admin_client):
    uncategorized = Category.objects.uncategorized()

    page = BeautifulSoup(admin_client.get(edit_url(uncategorized)).content, "html.parser")
    response = admin_client.post(
        edit_url(uncategorized), category_form(uncategorized, name="Unfiled", slug="misc")
    )

    assert page.select_one('input[name="slug"]').has_attr("disabled")
    assert response.status_code == 302
    uncategorized.refresh_from_db()
    assert (uncategorized.name, uncategorized.slug) == ("Unfiled", "uncategorized")
    make_article("Unfiled note")
    assert Category.objects.count() == 1


def test_address_of_uncategorized_cannot_change_outside_the_admin_either():
    uncategorized = Category.objects.uncategorized()
    uncategorized.slug = "misc"
    with pytest.raises(ValidationError) as refusal:
        uncategorized.full_clean()
    assert refusal.value.message_dict["slug"] == [
        "The Uncategorized section's address cannot change: unfiled stories are filed by it."
    ]


def test_other_categories_can_change_their_address(admin_client):
    weather = make_category("Weather")
    response = admin_client.post(edit_url(weather), category_form(weather, slug="forecasts"))
    assert response.status_code == 302
    weather.refresh_from_db()
    assert weather.slug == "forecasts"


def test_category_cannot_be_its_own_parent(admin_client):
    sport = make_category("Sport")
    response = admin_client.post(edit_url(sport), category_form(sport, parent=sport.pk))
    assert form_errors(response)["parent"] == [
        "A category cannot sit inside itself or inside one of its own subcategories."
    ]
    sport.refresh_from_db()
    assert sport.parent is None


def test_category_cannot_move_inside_its_own_subcategory(admin_client):
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    youth = make_category("Youth football", parent=football)

    response = admin_client.post(edit_url(sport), category_form(sport, parent=youth.pk))

    assert "parent" in form_errors(response)
    sport.refresh_from_db()
    assert sport.parent is None
    assert [c.name for c in Category.objects.top_level()] == ["Sport", "Uncategorized"]


def test_category_can_move_under_another_branch(admin_client):
    sport, news = make_category("Sport"), make_category("Local news")
    football = make_category("Football", parent=sport)
    response = admin_client.post(edit_url(football), category_form(football, parent=news.pk))
    assert response.status_code == 302
    football.refresh_from_db()
    assert football.parent == news
