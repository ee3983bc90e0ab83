"""Block-editor and classic content as the blocks of a Newsdesk body."""

from newsdesk.importers.wordpress.classic import autop
from newsdesk.importers.wordpress.content import Links, convert

FERRY = 7
FOUND = Links(
    image=lambda wp_id, url: 500 if wp_id == FERRY or url.endswith("/ferry.jpg") else None,
    url_for=lambda href: "/news/night-ferry/" if "night-ferry" in href or "p=101" in href else None,
    attached=(FERRY,),
)


def blocks(html, links=FOUND):
    return [(block["type"], block["value"]) for block in convert(html, links).blocks]


def block(name, inner, attrs=""):
    return f"<!-- wp:{name} {attrs}-->{inner}<!-- /wp:{name} -->"


def test_core_blocks_map_to_body_blocks():
    quote = "<blockquote><p>Steady.</p><cite>The harbourmaster</cite></blockquote>"
    pullquote = "<figure><blockquote><p>Loud.</p><cite>A gull</cite></blockquote></figure>"
    image = f'<figure><img src="a.jpg" class="wp-image-{FERRY}"/><figcaption>Dusk</figcaption>'
    html = "".join(
        [
            block("paragraph", "<p>Tide <em>high</em>.</p>"),
            block("heading", "<h2>The quay</h2>"),
            block("heading", "<h4>Smaller</h4>", '{"level":4} '),
            block("list", "<ul><li>one</li><li>two</li></ul>"),
            block("quote", quote),
            block("pullquote", pullquote),
            block("image", image + "</figure>"),
        ]
    )
    assert blocks(html) == [
        ("paragraph", "<p>Tide <em>high</em>.</p>"),
        ("heading", {"text": "The quay", "level": "h2"}),
        ("heading", {"text": "Smaller", "level": "h3"}),
        ("paragraph", "<ul><li>one</li><li>two</li></ul>"),
        ("quote", {"quote": "Steady.", "attribution": "The harbourmaster"}),
        ("pullquote", {"quote": "Loud.", "attribution": "A gull"}),
        ("image", {"image": 500, "caption": "Dusk", "credit": ""}),
    ]


def test_a_gallery_is_one_block_with_each_pictures_caption_and_its_own():
    picture = f'<figure><img class="wp-image-{FERRY}" src="b.jpg"/><figcaption>Bow</figcaption>'
    nested = block("image", picture + "</figure>")
    missing = '<figure><img src="https://gazette.example/gone.jpg"/></figure>'
    gallery = block(
        "gallery",
        f'<figure class="wp-block-gallery">{nested}{missing}'
        "<figcaption>The crossing</figcaption></figure>",
    )
    body = convert(gallery, FOUND)
    assert [(b["type"], b["value"]) for b in body.blocks] == [
        (
            "gallery",
            {
                "images": [{"image": 500, "caption": "Bow", "credit": ""}],
                "caption": "The crossing",
            },
        )
    ]
    assert body.notes == [
        "image https://gazette.example/gone.jpg left out: its file was not imported"
    ]


def test_an_older_gallery_of_list_items_keeps_its_pictures():
    items = f'<ul><li><figure><img class="wp-image-{FERRY}" src="b.jpg"/></figure></li></ul>'
    assert blocks(block("gallery", f"<figure>{items}</figure>")) == [
        ("gallery", {"images": [{"image": 500, "caption": "", "credit": ""}], "caption": ""})
    ]


def test_an_embed_becomes_a_link_card_with_its_caption():
    embed = block(
        "embed",
        "<figure><div>\nhttps://video.example/v/1\n</div><figcaption>At sea</figcaption></figure>",
        '{"url":"https://video.example/v/1"} ',
    )
    assert blocks(embed) == [("embed", {"url": "https://video.example/v/1", "caption": "At sea"})]


def test_an_embed_of_a_script_address_is_left_out():
    assert blocks(block("embed", "", '{"url":"javascript:alert(1)"} ')) == []


def test_a_separator_becomes_a_separator_block():
    assert blocks(block("separator", '<hr class="wp-block-separator"/>')) == [("separator", None)]
    assert blocks("One\n\n<hr />\n\nTwo") == [
        ("paragraph", "<p>One</p>"),
        ("separator", None),
        ("paragraph", "<p>Two</p>"),
    ]


def test_a_table_keeps_its_rows_header_and_caption():
    table = block(
        "table",
        "<figure><table><thead><tr><th>Boat</th><th>Time</th></tr></thead>"
        "<tbody><tr><td>Ferry <b>late</b></td><td>9</td></tr></tbody></table>"
        "<figcaption>Sailings</figcaption></figure>",
    )
    assert blocks(table) == [
        (
            "table",
            {
                "rows": [["Boat", "Time"], ["Ferry late", "9"]],
                "header": True,
                "caption": "Sailings",
            },
        )
    ]


def test_a_table_without_header_cells_has_no_header_row():
    table = "<table><tr><td>Ferry</td><td>9</td></tr><tr><td></td><td></td></tr></table>"
    assert blocks(table) == [("table", {"rows": [["Ferry", "9"]], "header": False, "caption": ""})]


def test_a_code_block_keeps_its_text_and_line_breaks():
    code = block("code", "<pre><code>tide --high &lt;now&gt;\nwind --low</code></pre>")
    assert blocks(code) == [("code", "tide --high <now>\nwind --low")]


def test_preformatted_text_that_is_not_code_keeps_its_lines_and_spacing():
    verse = block("preformatted", "<pre>Low tide,\n   high hopes</pre>")
    assert blocks(verse) == [("preformatted", "Low tide,\n   high hopes")]


def test_an_unknown_block_keeps_its_text_sanitised_and_is_reported():
    body = convert(
        block("acme/poll", '<div onmouseover="x()">Vote <b>now</b><script>steal()</script></div>')
    )
    assert [b["value"] for b in body.blocks] == ["<p>Vote <b>now</b></p>"]
    assert body.notes == ["unknown block acme/poll kept as text"]


def test_container_blocks_are_opened():
    html = block("group", block("columns", block("column", block("paragraph", "<p>Inside.</p>"))))
    assert blocks(html) == [("paragraph", "<p>Inside.</p>")]


def test_scripts_event_handlers_and_javascript_links_are_removed():
    html = (
        '<p onclick="evil()">Hi <a href="javascript:alert(1)">there</a>'
        '<script>alert("x")</script><style>p{}</style><img src=x onerror="alert(2)">'
        '<iframe src="javascript:alert(3)"></iframe></p>'
    )
    rendered = str(blocks(html))
    for trace in ("script", "alert", "onclick", "onerror", "javascript", "style"):
        assert trace not in rendered


def test_classic_paragraph_rules():
    assert autop("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"
    assert blocks("One\ntwo\n\n<h3>Head</h3>\n\nThree") == [
        ("paragraph", "<p>One<br/>\ntwo</p>"),
        ("heading", {"text": "Head", "level": "h3"}),
        ("paragraph", "<p>Three</p>"),
    ]


def test_classic_caption_gallery_and_embed_on_its_own_line():
    html = (
        f'[caption id="attachment_{FERRY}" width="300"]'
        f'<img class="wp-image-{FERRY}" src="f.jpg" /> '
        "At the quay[/caption]\n\nhttps://video.example/v/2\n\n[gallery]"
    )
    assert blocks(html) == [
        ("image", {"image": 500, "caption": "At the quay", "credit": ""}),
        ("embed", {"url": "https://video.example/v/2", "caption": ""}),
        ("gallery", {"images": [{"image": 500, "caption": "", "credit": ""}], "caption": ""}),
    ]


def test_other_shortcodes_stay_as_text_and_are_reported():
    body = convert("Vote in our [poll id=3] today.")
    assert body.blocks == [{"type": "paragraph", "value": "<p>Vote in our [poll id=3] today.</p>"}]
    assert body.notes == ["shortcode [poll] kept as text"]


def test_more_gives_the_teaser_and_nextpage_joins_the_pages():
    body = convert("Opening words.<!--more-->\n\nThe rest.<!--nextpage-->Page two.")
    assert body.teaser == "Opening words."
    assert [b["value"] for b in body.blocks] == [
        "<p>Opening words.</p>",
        "<p>The rest.</p>",
        "<p>Page two.</p>",
    ]


def test_links_to_imported_posts_are_rewritten():
    html = '<p><a href="https://gazette.example/2024/05/02/night-ferry/">ferry</a> and <a href="https://elsewhere.example/">else</a></p>'
    assert blocks(html) == [
        (
            "paragraph",
            '<p><a href="/news/night-ferry/">ferry</a> and <a href="https://elsewhere.example/">else</a></p>',
        )
    ]


def test_a_picture_that_was_not_imported_is_reported():
    body = convert('<img src="https://gazette.example/wp-content/uploads/gone.jpg">', FOUND)
    assert body.blocks == []
    assert body.notes == [
        "image https://gazette.example/wp-content/uploads/gone.jpg left out: "
        "its file was not imported"
    ]


def test_entities_and_non_latin_text_survive():
    assert blocks("<p>Café &amp; 港 &copy; Ωμέγα</p>") == [
        ("paragraph", "<p>Café &amp; 港 © Ωμέγα</p>")
    ]


def test_the_automatic_excerpt_is_the_opening_words():
    assert convert("<p>" + "word " * 80 + "</p>").text().count("word") == 55
