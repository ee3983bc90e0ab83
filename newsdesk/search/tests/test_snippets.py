"""Snippets show the reader's words marked in a short, escaped excerpt."""

import time

from wagtail.rich_text import RichText

from newsdesk.news.models import ArticlePage
from newsdesk.search.snippets import (
    ELLIPSIS,
    LEAD_IN,
    SNIPPET_LENGTH,
    body_text,
    highlight,
    snippet,
)


def test_marks_every_query_word_whatever_its_case():
    assert highlight("Harbour and HARBOUR and harbour", ["harbour"]) == (
        "<mark>Harbour</mark> and <mark>HARBOUR</mark> and <mark>harbour</mark>"
    )


def test_marks_whole_words_only():
    assert highlight("The harbourmaster and the harbour", ["harbour"]) == (
        "The harbourmaster and the <mark>harbour</mark>"
    )


def test_marks_a_phrase_as_one_across_spaces_and_punctuation():
    text = "the Harbour  Bridge, the harbour-bridge and the bridge"
    assert highlight(text, ["harbour bridge"]) == (
        "the <mark>Harbour  Bridge</mark>, the <mark>harbour-bridge</mark> and the bridge"
    )


def test_escapes_everything_around_the_marks():
    marked = highlight("<script>alert('club')</script> & the club", ["club"])
    assert marked == (
        "&lt;script&gt;alert(&#x27;<mark>club</mark>&#x27;)&lt;/script&gt; "
        "&amp; the <mark>club</mark>"
    )


def test_query_words_that_look_like_html_or_regex_are_matched_literally():
    assert highlight("a<b> c.d", ["b", "c.d"]) == "a&lt;<mark>b</mark>&gt; <mark>c.d</mark>"
    assert highlight("cxd", ["c.d"]) == "cxd"


def test_without_terms_the_text_is_only_escaped():
    assert highlight("<b>bold</b>", []) == "&lt;b&gt;bold&lt;/b&gt;"


def test_snippet_is_a_short_excerpt_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(200)) + " the lighthouse " + "tail " * 200
    excerpt = snippet(text, ["lighthouse"])
    assert "<mark>lighthouse</mark>" in excerpt
    assert excerpt.startswith(ELLIPSIS) and excerpt.endswith(ELLIPSIS)
    shown = excerpt.strip(ELLIPSIS).replace("<mark>", "").replace("</mark>", "")
    assert len(shown) <= SNIPPET_LENGTH
    assert shown.index("lighthouse") <= LEAD_IN
    assert shown.startswith("word")


def test_snippet_cuts_between_words():
    text = "alpha " * 100
    excerpt = snippet(text, ["zzz"])
    assert excerpt.endswith(f"alpha{ELLIPSIS}")
    assert not excerpt.startswith(ELLIPSIS)


def test_snippet_of_a_short_text_is_all_of_it():
    assert snippet("Quay  reopens\nsoon.", ["quay"]) == "<mark>Quay</mark> reopens soon."


def test_snippet_takes_time_in_proportion_to_the_text():
    text = ("a" * 50 + " ") * 40_000 + "needle"
    started = time.perf_counter()
    excerpt = snippet(text, ["needle", "a" * 49, "haystack word"])
    assert time.perf_counter() - started < 1.0
    assert "<mark>needle</mark>" in excerpt


def test_body_text_reads_paragraphs_headings_quotes_and_captions_but_no_markup():
    body = [
        ("paragraph", RichText("<p>First <b>bold</b> point.</p><ul><li>Item</li></ul>")),
        ("heading", {"text": "What next", "level": "h2"}),
        ("quote", {"quote": "We will rebuild.", "attribution": "The mayor"}),
    ]
    value = ArticlePage._meta.get_field("body").to_python(body)
    assert body_text(value) == "First bold point. Item What next We will rebuild. The mayor"
