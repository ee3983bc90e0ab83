"""Summaries, titles, comments and slugs: unescaped once, plain where they are plain text."""

from newsdesk.importers.wordpress import parse
from newsdesk.importers.wordpress.content import convert
from newsdesk.importers.wordpress.discussion import comment_text
from newsdesk.importers.wordpress.load import _text as plain_text
from newsdesk.importers.wordpress.pages import page_title
from newsdesk.importers.wordpress.parse import Item, Term
from newsdesk.importers.wordpress.report import Report
from newsdesk.importers.wordpress.terms import _newsdesk_slug, clean_slug, unique_slug

from . import wxr


def test_an_excerpt_of_markup_is_plain_text_whether_or_not_its_tags_were_escaped():
    assert plain_text("<blockquote><p>Tide &amp; time</p></blockquote>") == "Tide & time"
    assert plain_text("&lt;blockquote&gt;Tide &amp;amp; time&lt;/blockquote&gt;") == (
        "Tide &amp; time"
    )
    assert plain_text("Fish &amp; chips, 3 &lt; 5") == "Fish & chips, 3 < 5"


def test_a_title_keeps_its_words_without_markup_and_the_original_is_reported():
    report = Report()
    item = Item(wp_id=4, title="The <em>night</em> ferry &amp; the tide")
    assert page_title(item, report) == "The night ferry &amp; the tide"
    assert report.warnings == [
        ("post 4", "markup left out of the title “The <em>night</em> ferry &amp; the tide”")
    ]
    assert page_title(Item(wp_id=5, title="3 < 5, says the harbourmaster"), report) == (
        "3 < 5, says the harbourmaster"
    )
    assert len(report.warnings) == 1


def test_line_breaks_and_paragraphs_in_a_comment_stay_breaks():
    assert comment_text("Well said.<br />Thank you.") == "Well said.\nThank you."
    assert comment_text("Well said.<br />\nThank you.") == "Well said.\nThank you."
    assert comment_text("<p>One.</p>\n<p>Two &amp; three.</p>") == "One.\n\nTwo & three."
    assert comment_text("I &lt;3 this &amp;amp; that") == "I <3 this &amp; that"
    assert comment_text("Plain\r\n\r\nparagraphs") == "Plain\n\nparagraphs"


def test_slugs_lose_control_and_bidirectional_formatting_characters():
    hidden = "\u202eharbour\u202c\u200e\u200f\u2066\u2067\u2068\u2069\x07\x85-news"
    assert clean_slug(hidden) == "harbour-news"
    assert _newsdesk_slug(Term("category", slug="\u202e\u202c", name="Harbour")) == "harbour"
    assert _newsdesk_slug(Term("post_tag", slug="café-港")) == "café-港"
    assert unique_slug("\u2066night-ferry\u2069\u200f", {"night-ferry"}) == "night-ferry-2"


def test_the_automatic_excerpt_and_the_teaser_are_plain_text_unescaped_once():
    body = convert("<p>Fish &amp; chips, 3 &lt; 5.</p><!--more--><p>Rest &amp; more.</p>")
    assert body.teaser == "Fish & chips, 3 < 5."
    assert body.text() == "Fish & chips, 3 < 5. Rest & more."


def test_the_automatic_excerpt_keeps_list_items_and_lines_apart():
    body = convert("<ul><li>Deck<ul><li>Bow</li></ul></li></ul><p>One<br>two</p>")
    assert body.text() == "Deck Bow One two"


def test_a_category_named_only_on_its_posts_is_unescaped_once_like_a_declared_one(tmp_path):
    named = '<category domain="category" nicename="town"><![CDATA[Town &amp; Around]]></category>'
    export = wxr.export(tmp_path, wxr.post(1, xml=named))
    items = [record for record in parse.read(export) if isinstance(record, Item)]
    assert [term.name for term in items[0].terms] == ["Town & Around"]
