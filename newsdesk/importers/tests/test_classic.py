"""Classic-editor content keeps its structure: WordPress's paragraph rules wrap text, not blocks."""

from newsdesk.importers.wordpress.classic import autop

from .test_content import blocks

# Typed the way the classic editor's Text tab keeps it: tags on their own lines.
LETTERS_PAGE = """The harbour board met on Tuesday.
Three things were decided.
<h1>The decisions</h1>
<ol>
 <li>Lights on the quay</li>

 <li>A new timetable
  <ul>
   <li>weekdays</li>
   <li>Sundays</li>
  </ul>
 </li>
</ol>
<h5>Who voted</h5>
<blockquote>We waited
ten years.

It was worth it.
<cite>Ada Quayle, chair</cite></blockquote>
<table>
<thead>
<tr><th>Boat</th><th>Leaves</th></tr>
</thead>
<tr><td>Night ferry</td><td>21:00</td></tr>
</table>
<dl>
<dt>Quay</dt>
<dd>Where the boats tie up.</dd>
<dt>Slipway</dt>
<dd>Where they are hauled out.<br />Also for swimming.</dd>
</dl>
<pre>Mon   21:00

Tue   21:30</pre>
That is all."""


def test_paragraphs_wrap_runs_of_text_and_never_a_block():
    html = autop(LETTERS_PAGE)
    assert html.startswith(
        "<p>The harbour board met on Tuesday.<br>\nThree things were decided.</p>"
    )
    assert "<ol><li>Lights on the quay</li><li>A new timetable<ul><li>weekdays</li>" in html
    assert "<p><ol>" not in html and "<ul><br>" not in html and "</li><br>" not in html
    assert "<pre>Mon   21:00\n\nTue   21:30</pre>" in html
    assert html.endswith("<p>That is all.</p>")


def test_a_double_line_break_tag_parts_paragraphs_and_a_list_item_keeps_its_lines():
    assert autop("One<br />\n<br />Two") == "<p>One</p>\n<p>Two</p>"
    assert autop("<ul><li>First\n\nsecond</li></ul>") == "<ul><li>First<br>\nsecond</li></ul>"
    assert (
        autop("<div>In a box\nof two lines</div>") == "<div><p>In a box<br>\nof two lines</p></div>"
    )


def test_classic_headings_lists_quotes_tables_definitions_and_pre_become_their_blocks():
    assert blocks(LETTERS_PAGE) == [
        ("paragraph", "<p>The harbour board met on Tuesday.<br/>\nThree things were decided.</p>"),
        ("heading", {"text": "The decisions", "level": "h2"}),
        (
            "paragraph",
            "<ol><li>Lights on the quay</li><li>A new timetable"
            "<ul><li>weekdays</li><li>Sundays</li></ul></li></ol>",
        ),
        ("heading", {"text": "Who voted", "level": "h3"}),
        (
            "quote",
            {
                "quote": "We waited\nten years.\n\nIt was worth it.",
                "attribution": "Ada Quayle, chair",
            },
        ),
        (
            "table",
            {"rows": [["Boat", "Leaves"], ["Night ferry", "21:00"]], "header": True, "caption": ""},
        ),
        (
            "definitions",
            {
                "items": [
                    {"term": "Quay", "definition": "Where the boats tie up."},
                    {
                        "term": "Slipway",
                        "definition": "Where they are hauled out.\nAlso for swimming.",
                    },
                ]
            },
        ),
        ("preformatted", "Mon   21:00\n\nTue   21:30"),
        ("paragraph", "<p>That is all.</p>"),
    ]


def test_a_definition_without_a_term_and_a_code_listing_keep_their_text():
    assert blocks("<dl><dd>Orphan note</dd></dl>\n<pre><code>ls -l</code></pre>") == [
        ("definitions", {"items": [{"term": "", "definition": "Orphan note"}]}),
        ("code", "ls -l"),
    ]


def test_a_caption_shortcode_inside_text_is_a_picture_between_paragraphs():
    html = (
        'Before.\n[caption id="attachment_7"]<img class="wp-image-7" src="f.jpg" />'
        " The quay[/caption]\nAfter."
    )
    assert blocks(html) == [
        ("paragraph", "<p>Before.</p>"),
        ("image", {"image": 500, "caption": "The quay", "credit": ""}),
        ("paragraph", "<p>After.</p>"),
    ]


def test_an_address_alone_on_its_line_is_a_link_card_but_not_inside_pre():
    html = "Watch this:\nhttps://video.example/v/3\nThen read on.\n<pre>\nhttps://kept.example/\n</pre>"
    assert blocks(html) == [
        ("paragraph", "<p>Watch this:</p>"),
        ("embed", {"url": "https://video.example/v/3", "caption": ""}),
        ("paragraph", "<p>Then read on.</p>"),
        ("preformatted", "https://kept.example/"),
    ]


def test_a_quote_keeps_every_paragraph_and_list_item_and_a_table_its_caption():
    html = (
        "<blockquote><p>We asked for:</p><ul><li>lights</li><li>a timetable</li></ul>"
        "<footer>The residents</footer></blockquote>"
        "<table><caption>Sailings</caption><tr><td>Night</td></tr></table>"
    )
    assert blocks(html) == [
        (
            "quote",
            {"quote": "We asked for:\n\nlights\n\na timetable", "attribution": "The residents"},
        ),
        ("table", {"rows": [["Night"]], "header": False, "caption": "Sailings"}),
    ]
