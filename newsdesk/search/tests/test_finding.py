"""Readers find published stories by any of their words; headline matches come first."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from newsdesk.news.tests.builders import make_article, make_author, make_category, story_index
from newsdesk.search.query import parse_query, search_stories

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

LONDON = ZoneInfo("Europe/London")


def found(q, **filters):
    return [story.title for story in search_stories(q, **filters)[0:100]]


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def test_finds_a_story_by_a_word_of_its_headline():
    make_article("Lighthouse reopens to visitors")
    make_article("Council sets its budget")
    assert found("lighthouse") == ["Lighthouse reopens to visitors"]


def test_finds_a_story_by_its_standfirst():
    make_article("Ferry news", standfirst="The crossing resumes after a winter of dredging.")
    assert found("dredging") == ["Ferry news"]


def test_finds_a_story_by_its_body_text():
    make_article("Market report", body=body("Stallholders praised the new awnings."))
    assert found("awnings") == ["Market report"]


def test_finds_a_story_by_the_quote_in_its_body():
    quote = {"quote": "We will rebuild the pier.", "attribution": "The mayor"}
    make_article("Storm damage", body=[("quote", quote)])
    assert found("pier") == ["Storm damage"]


def test_a_subheading_is_found_by_its_words_not_by_its_layout():
    heading = {"text": "What the tide tables say", "level": "h2"}
    make_article("Harbour report", body=[("heading", heading)])
    assert found("tide tables") == ["Harbour report"]
    assert found("subheading") == []


def test_finds_a_story_by_its_tag():
    make_article("Works begin", tags=["roadworks"])
    assert found("roadworks") == ["Works begin"]


def test_finds_a_story_by_its_authors_name():
    make_article("Election night", authors=[make_author("Grace Okafor")])
    make_article("Weather")
    assert found("okafor") == ["Election night"]


def test_every_word_must_match():
    make_article("Harbour bridge closes", body=body("Repairs start in May."))
    make_article("Harbour festival")
    assert found("harbour repairs") == ["Harbour bridge closes"]


def test_a_quoted_phrase_must_match_as_written():
    make_article("Bridge works", body=body("The harbour bridge will close."))
    make_article("Split words", body=body("The harbour is busy. The bridge is old."))
    assert found('"harbour bridge"') == ["Bridge works"]
    assert sorted(found("harbour bridge")) == ["Bridge works", "Split words"]


def test_a_word_only_in_the_headline_ranks_above_one_repeated_in_the_body():
    repeated = " ".join(["The lighthouse keeper climbed the stairs."] * 30)
    make_article("Town news roundup", body=body(repeated), standfirst="Lighthouse news.")
    make_article("Lighthouse reopens to visitors", standfirst="After repairs.")
    make_article("Lighthouse", standfirst="A one-word headline.", body=body("Nothing else."))
    ranking = found("lighthouse")
    assert ranking[-1] == "Town news roundup"
    assert set(ranking[:2]) == {"Lighthouse reopens to visitors", "Lighthouse"}


def test_drafts_scheduled_unpublished_and_private_stories_are_never_found():
    make_article("Harbour draft", publish=False)
    scheduled = make_article("Harbour embargo", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    make_article("Harbour withdrawn").unpublish()
    private = make_article("Harbour private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_article("Harbour news")
    assert found("harbour") == ["Harbour news"]


def test_a_stories_unpublished_draft_changes_are_not_found():
    article = make_article("Harbour news")
    article.title = "Secret plans"
    article.save_revision()
    assert found("secret") == []
    assert found("harbour") == ["Harbour news"]


def test_stories_in_a_private_section_are_never_found():
    PageViewRestriction.objects.create(page=story_index(), restriction_type="login")
    make_article("Harbour news")
    assert found("harbour") == []


def test_category_filter_includes_subcategories():
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    make_article("Harbour regatta", category=sport)
    make_article("Harbour derby", category=football)
    make_article("Harbour budget", category=make_category("Politics"))
    assert sorted(found("harbour", category=sport)) == ["Harbour derby", "Harbour regatta"]
    assert found("harbour", category=football) == ["Harbour derby"]


def test_date_range_includes_both_days_in_the_sites_time_zone():
    for title, moment in [
        ("Harbour early", datetime(2024, 2, 29, 23, 59, tzinfo=LONDON)),
        ("Harbour first day", datetime(2024, 3, 1, 0, 0, tzinfo=LONDON)),
        ("Harbour last day", datetime(2024, 3, 15, 23, 59, tzinfo=LONDON)),
        ("Harbour late", datetime(2024, 3, 16, 0, 0, tzinfo=LONDON)),
    ]:
        make_article(title, published_at=moment)
    in_range = found("harbour", published_from=date(2024, 3, 1), published_to=date(2024, 3, 15))
    assert sorted(in_range) == ["Harbour first day", "Harbour last day"]
    assert found("harbour", published_from=date(2024, 3, 16)) == ["Harbour late"]
    assert found("harbour", published_to=date(2024, 2, 29)) == ["Harbour early"]


def test_the_earliest_and_latest_dates_put_no_bound():
    make_article("Harbour news")
    assert found("harbour", published_from=date.min, published_to=date.max) == ["Harbour news"]


def test_filters_combine_with_the_query():
    sport = make_category("Sport")
    may_2024, may_2023 = datetime(2024, 5, 1, tzinfo=LONDON), datetime(2023, 5, 1, tzinfo=LONDON)
    make_article("Harbour regatta", category=sport, published_at=may_2024)
    make_article("Harbour rowing", category=sport, published_at=may_2023)
    make_article("Harbour vote", published_at=may_2024)
    make_article("Regatta day", category=sport, published_at=may_2024)
    assert found("harbour", category=sport, published_from=date(2024, 1, 1)) == ["Harbour regatta"]


@pytest.mark.parametrize(
    "typed",
    ["harbour AND (", "NEAR(harbour", "harbour*", '"', "'", "-harbour", "title:harbour", "%_\\"],
)
def test_search_syntax_typed_by_a_reader_is_read_as_words(typed):
    make_article("Harbour news")
    assert found(typed) in (["Harbour news"], [])


def test_a_query_without_letters_or_digits_searches_nothing():
    assert parse_query("  !!! ... ").query is None
    assert found("!!!") == []


def test_parsing_keeps_words_and_quoted_phrases_to_highlight():
    assert parse_query('Harbour "Old Bridge" repairs').terms == ("harbour", "old bridge", "repairs")
    assert parse_query('"unclosed phrase here').terms == ("unclosed phrase here",)


def test_renamed_reporter_is_found_by_the_new_name_only():
    reporter = make_author("Nadia Ferrant")
    make_article("Harbour wall repaired", authors=[reporter])

    reporter.name = "Zelda Quixote"
    reporter.save()

    assert found("zelda") == ["Harbour wall repaired"]
    assert found("ferrant") == []


def test_renamed_or_deleted_tag_is_searched_under_its_new_state(django_capture_on_commit_callbacks):
    make_article("Harbour wall repaired", tags=["seawall"])
    tag = Tag.objects.get(name="seawall")

    tag.name = "breakwater"
    tag.save()
    assert found("breakwater") == ["Harbour wall repaired"]
    assert found("seawall") == []

    with django_capture_on_commit_callbacks(execute=True):
        tag.delete()
    assert found("breakwater") == []


def test_words_match_as_typed_on_every_database_so_each_result_shows_its_match():
    make_article("Quay news", body=body("The harbours of the coast reopened."))
    make_article("Harbour news", body=body("The harbour reopened at dawn."))

    assert found("harbour") == ["Harbour news"]
