"""The search page at /search/: results, pagination, guidance, errors and the masthead box."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site
from wagtail.rich_text import RichText

from newsdesk.comments.models import Comment
from newsdesk.news.models import NewsSettings
from newsdesk.news.tests.builders import make_article, make_category, minutes_ago

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

SEARCH = reverse("search:results")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headlines(page):
    return [node.text.strip() for node in page.select(".search-results .story-card-title")]


def stories_per_page(count):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = count
    settings.save()


def test_search_url_is_slash_search():
    assert SEARCH == "/search/"


def test_results_are_story_cards_with_section_standfirst_date_and_comment_count(client):
    sport = make_category("Sport")
    article = make_article(
        "Harbour regatta",
        category=sport,
        standfirst="Rowers race at dawn.",
        published_at=datetime(2024, 5, 1, 9, 30, tzinfo=ZoneInfo("Europe/London")),
    )
    Comment.objects.create(
        article=article,
        name="Ola",
        email="ola@example.org",
        body="Great race.",
        status=Comment.Status.APPROVED,
    )
    card = soup(client.get(SEARCH, {"q": "regatta"})).select_one(".search-results article")
    assert card.select_one(".story-card-section").text.strip() == "Sport"
    assert card.select_one(".story-card-title a")["href"] == article.url
    assert card.select_one(".story-card-standfirst").text == "Rowers race at dawn."
    assert card.select_one("time")["datetime"].startswith("2024-05-01")
    assert card.select_one(".story-card-comments").text == "1 comment"


def test_the_query_words_are_marked_in_the_headline_standfirst_and_snippet(client):
    make_article(
        "Harbour regatta",
        standfirst="The harbour was full.",
        body=[("paragraph", RichText("<p>Boats left the <b>Harbour</b> at dawn.</p>"))],
    )
    card = soup(client.get(SEARCH, {"q": "HARBOUR"})).select_one(".search-results article")
    assert [mark.text for mark in card.select(".story-card-title mark")] == ["Harbour"]
    assert [mark.text for mark in card.select(".story-card-standfirst mark")] == ["harbour"]
    snippet = card.select_one(".search-snippet")
    assert snippet.text == "Boats left the Harbour at dawn."
    assert [mark.text for mark in snippet.select("mark")] == ["Harbour"]
    assert snippet.select("b") == []


def test_script_text_in_a_story_is_shown_escaped_with_only_the_query_words_marked(client):
    make_article(
        "Coding club",
        standfirst="Pupils wrote <script>alert('club')</script> in class.",
        body=[("paragraph", RichText("<p>We met &lt;script&gt;alert(1)&lt;/script&gt;.</p>"))],
    )
    response = client.get(SEARCH, {"q": "club"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>club</mark>&#x27;)&lt;/script&gt;" in html
    card = soup(response).select_one(".search-results article")
    assert {mark.text for mark in card.select("mark")} == {"club"}
    assert card.select("script") == []


def test_results_are_paginated_with_the_query_and_filters_kept(client):
    stories_per_page(4)
    sport = make_category("Sport")
    for n in range(6):
        make_article(f"Harbour race {n}", category=sport)
    make_article("Harbour vote")
    first = soup(client.get(SEARCH, {"q": "harbour", "category": "sport"}))
    assert len(headlines(first)) == 4
    assert "6 stories in Sport" in first.select_one(".search-summary").text
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert first.select_one('.pagination a[rel="next"]').text.strip() == "More results →"
    assert "q=harbour" in next_link and "category=sport" in next_link and "page=2" in next_link
    second = soup(client.get(SEARCH + next_link))
    assert len(headlines(second)) == 2
    assert not set(headlines(first)) & set(headlines(second))
    assert "Page 2 of 2" in second.select_one(".pagination").text
    assert second.select_one('.pagination a[rel="prev"]').text.strip() == "← Better matches"


@pytest.mark.parametrize("page", ["abc", "0", "3", "-1", "1.5", "9" * 30])
def test_a_page_number_that_is_not_a_page_of_results_is_not_found(client, page):
    stories_per_page(4)
    for n in range(6):
        make_article(f"Harbour race {n}")
    assert client.get(SEARCH, {"q": "harbour", "page": page}).status_code == 404
    assert len(headlines(soup(client.get(SEARCH, {"q": "harbour", "page": "2"})))) == 2


def test_search_pages_ask_not_to_be_indexed(client):
    make_article("Harbour news")
    for query in ({"q": "harbour"}, {}, {"q": "zeppelin"}, {"from": "soon"}):
        response = client.get(SEARCH, query)
        assert response.context["robots_noindex"] is True
        assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_no_results_page_suggests_what_to_do_next(client):
    make_category("Sport")
    make_article("Harbour news")
    page = soup(client.get(SEARCH, {"q": "zeppelin", "category": "sport", "from": "2024-01-01"}))
    empty = page.select_one(".search-empty")
    text = " ".join(empty.text.split())
    assert "No stories match “zeppelin” with these filters" in text
    assert "Check the spelling" in text
    assert "fewer words, or different ones" in text
    unfiltered = empty.find("a", string="Search every section and date")["href"]
    assert "category" not in unfiltered and "from" not in unfiltered and "q=zeppelin" in unfiltered
    assert empty.find("a", href="/category/sport/")
    assert [h.text.strip() for h in empty.select(".story-card-title")] == ["Harbour news"]
    assert page.select(".search-results") == []


def test_no_results_without_filters_offers_no_filter_removal(client):
    text = soup(client.get(SEARCH, {"q": "zeppelin"})).select_one(".search-empty").text
    assert "Search every section and date" not in text


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "   "}, {"q": "?!"}])
def test_an_empty_query_shows_the_form_with_guidance(client, query):
    make_article("Harbour news")
    page = soup(client.get(SEARCH, query))
    assert page.select_one("form.search-form input[name=q]")
    assert "How to search" in page.select_one(".search-guidance").text
    assert page.select(".search-results, .search-empty, .form-errors") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"category": "no-such-section"}, "There is no section “no-such-section”"),
        ({"from": "2024-02-30"}, "Enter a date as YYYY-MM-DD"),
        ({"to": "yesterday"}, "Enter a date as YYYY-MM-DD"),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "The “from” date is after the “until” date"),
    ],
)
def test_bad_filter_values_give_a_clear_message_and_no_results(client, query, message):
    make_article("Harbour news")
    page = soup(client.get(SEARCH, {"q": "harbour", **query}))
    assert message in page.select_one(".form-errors[role=alert]").text
    assert page.select(".search-results") == []


def test_the_search_form_keeps_what_the_reader_asked_for(client):
    make_category("Sport")
    page = soup(client.get(SEARCH, {"q": "harbour", "category": "sport", "from": "2024-01-01"}))
    form = page.select_one("form.search-form")
    assert form.select_one("input[name=q]")["value"] == "harbour"
    assert form.select_one("select[name=category] option[selected]")["value"] == "sport"
    assert form.select_one("input[name=from]")["value"] == "2024-01-01"


def test_the_masthead_has_a_search_form_that_works_without_javascript(client):
    make_article("Harbour news")
    form = soup(client.get("/")).select_one(".masthead form[role=search]")
    assert form["action"] == SEARCH
    assert form["method"] == "get"
    field = form.select_one("input[type=search][name=q]")
    assert form.select_one(f"label[for={field['id']}]").text.strip()
    assert form.select_one("button[type=submit]")
    assert headlines(soup(client.get(form["action"], {field["name"]: "harbour"}))) == [
        "Harbour news"
    ]


def test_the_results_page_costs_the_same_queries_however_many_stories_it_shows(
    client, django_assert_max_num_queries
):
    for n in range(2):
        make_article(f"Harbour story {n}")
    client.get(SEARCH, {"q": "harbour"})
    with django_assert_max_num_queries(RESULTS_PAGE_QUERIES):
        client.get(SEARCH, {"q": "harbour"})
    for n in range(2, 10):
        make_article(f"Harbour story {n}")
    with django_assert_max_num_queries(RESULTS_PAGE_QUERIES):
        client.get(SEARCH, {"q": "harbour"})


# Site, settings, view restrictions (for the search and for the cards), the
# search (on SQLite: a count of matches to choose how to check them, the ranked
# window, its index entries and pages; on PostgreSQL: the window and a count),
# the cards, the form's sections, and the masthead's and footer's menus.
RESULTS_PAGE_QUERIES = 12


def test_search_results_are_kept_out_of_the_index_without_a_canonical_elsewhere(client):
    make_article("Harbour wall repaired")

    page = BeautifulSoup(client.get("/search/?q=harbour").content, "html.parser")

    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('link[rel="canonical"]') is None


def sortable_results():
    """Three harbour stories whose best-match order differs from their age."""
    make_article("Harbour closes", published_at=minutes_ago(300))
    make_article("Council news", standfirst="The harbour budget.", published_at=minutes_ago(10))
    make_article("Harbour reopens", published_at=minutes_ago(100))


def test_results_sort_by_best_match_by_default_and_newest_first_on_request(client):
    sortable_results()
    best = soup(client.get(SEARCH, {"q": "harbour"}))
    newest = soup(client.get(SEARCH, {"q": "harbour", "sort": "newest"}))

    assert headlines(best)[-1] == "Council news"
    assert headlines(newest) == ["Council news", "Harbour reopens", "Harbour closes"]
    assert "newest first" in newest.select_one(".search-summary").text
    current = newest.select_one('.search-sort a[aria-current="true"]')
    assert current.text == "Newest first"
    # Back to best match, and a new search from the form, keep what the reader chose.
    assert "sort" not in best.select_one('.search-sort a[aria-current="true"]')["href"]
    assert newest.select_one('.search-form input[name="sort"]')["value"] == "newest"
    assert best.select_one('.search-form input[name="sort"]') is None


def test_sorting_by_newest_is_kept_from_page_to_page(client):
    stories_per_page(2)
    sortable_results()
    first = soup(client.get(SEARCH, {"q": "harbour", "sort": "newest"}))
    next_link = first.select_one('.pagination a[rel="next"]')
    assert next_link.text.strip() == "Older results →"

    second = soup(client.get(SEARCH + next_link["href"]))
    assert headlines(second) == ["Harbour closes"]
    assert second.select_one('.pagination a[rel="prev"]').text.strip() == "← Newer results"
    sort_links = [a["href"] for a in first.select(".search-sort a")]
    assert all("page=" not in href for href in sort_links)


@pytest.mark.parametrize("sort", ["oldest", "", "NEWEST", "relevance"])
def test_an_unknown_sort_order_sorts_by_best_match(client, sort):
    sortable_results()
    best = headlines(soup(client.get(SEARCH, {"q": "harbour"})))
    assert headlines(soup(client.get(SEARCH, {"q": "harbour", "sort": sort}))) == best
