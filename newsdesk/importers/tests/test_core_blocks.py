"""The block editor's common core blocks become body blocks, not text."""

import json

from newsdesk.importers.wordpress.content import Links, convert

from .test_content import FERRY, FOUND, block, blocks


def paragraph(text):
    return block("paragraph", f"<p>{text}</p>")


def test_columns_groups_and_rows_give_their_blocks_in_order():
    html = block(
        "group",
        '<div class="wp-block-group">'
        + block(
            "columns",
            '<div class="wp-block-columns">'
            + block("column", f'<div class="wp-block-column">{paragraph("Left.")}</div>')
            + block("column", f'<div class="wp-block-column">{paragraph("Right.")}</div>')
            + "</div>",
        )
        + "</div>",
    )
    assert blocks(html) == [("paragraph", "<p>Left.</p>"), ("paragraph", "<p>Right.</p>")]


def test_a_cover_is_its_picture_then_its_words():
    newer = block(
        "cover",
        '<div class="wp-block-cover"><span aria-hidden="true" class="wp-block-cover__background">'
        f'</span><img class="wp-block-cover__image-background wp-image-{FERRY}" src="c.jpg"/>'
        f'<div class="wp-block-cover__inner-container">{paragraph("Night falls.")}</div></div>',
        f'{{"url":"https://gazette.example/c.jpg","id":{FERRY}}} ',
    )
    older = block(
        "cover",
        '<div class="wp-block-cover" style="background-image:url(c.jpg)">'
        f'<div class="wp-block-cover__inner-container">{paragraph("Dawn.")}</div></div>',
        f'{{"url":"https://gazette.example/c.jpg","id":{FERRY}}} ',
    )
    picture = ("image", {"image": 500, "caption": "", "credit": ""})
    assert blocks(newer + older) == [
        picture,
        ("paragraph", "<p>Night falls.</p>"),
        picture,
        ("paragraph", "<p>Dawn.</p>"),
    ]


def test_media_and_text_is_the_picture_then_the_text():
    html = block(
        "media-text",
        '<div class="wp-block-media-text"><figure class="wp-block-media-text__media">'
        f'<img src="m.jpg" class="wp-image-{FERRY} size-full"/></figure>'
        f'<div class="wp-block-media-text__content">{paragraph("Beside it.")}</div></div>',
        f'{{"mediaId":{FERRY},"mediaType":"image"}} ',
    )
    assert blocks(html) == [
        ("image", {"image": 500, "caption": "", "credit": ""}),
        ("paragraph", "<p>Beside it.</p>"),
    ]


def test_details_is_a_subheading_over_what_it_hid():
    html = block(
        "details",
        '<details class="wp-block-details"><summary>When does it sail?</summary>'
        f"{paragraph('At nine.')}</details>",
    )
    assert blocks(html) == [
        ("heading", {"text": "When does it sail?", "level": "h3"}),
        ("paragraph", "<p>At nine.</p>"),
    ]


def test_buttons_and_files_are_links():
    button = block(
        "button",
        '<div class="wp-block-button"><a class="wp-block-button__link wp-element-button"'
        ' href="https://tickets.example/">Buy a ticket</a></div>',
    )
    file = block(
        "file",
        '<div class="wp-block-file"><a id="wp-block-file--media-1" href="https://gazette.example/'
        'timetable.pdf">Timetable</a><a href="https://gazette.example/timetable.pdf" '
        'class="wp-block-file__button wp-element-button" download>Download</a></div>',
    )
    html = block("buttons", f'<div class="wp-block-buttons">{button}</div>') + file
    assert blocks(html) == [
        ("paragraph", '<p><a href="https://tickets.example/">Buy a ticket</a></p>'),
        ("paragraph", '<p><a href="https://gazette.example/timetable.pdf">Timetable</a></p>'),
    ]


def test_sound_and_video_are_link_cards_with_their_captions():
    audio = block(
        "audio",
        '<figure class="wp-block-audio"><audio controls src="https://gazette.example/horn.mp3">'
        "</audio><figcaption>The horn</figcaption></figure>",
    )
    video = block(
        "video",
        '<figure class="wp-block-video"><video controls src="https://gazette.example/quay.mp4">'
        "</video></figure>",
    )
    assert blocks(audio + video) == [
        ("embed", {"url": "https://gazette.example/horn.mp3", "caption": "The horn"}),
        ("embed", {"url": "https://gazette.example/quay.mp4", "caption": ""}),
    ]


def test_verse_keeps_its_lines_and_spacers_and_page_breaks_leave_nothing():
    html = (
        block("verse", '<pre class="wp-block-verse">Low tide,\n  <em>high</em> hopes</pre>')
        + block(
            "spacer", '<div style="height:50px" aria-hidden="true" class="wp-block-spacer"></div>'
        )
        + block("more", "<!--more-->")
        + block("nextpage", "<!--nextpage-->")
        + paragraph("On.")
    )
    body = convert(html, FOUND)
    assert [(b["type"], b["value"]) for b in body.blocks] == [
        ("preformatted", "Low tide,\n  high hopes"),
        ("paragraph", "<p>On.</p>"),
    ]
    assert body.notes == []


def test_footnotes_are_a_numbered_list_and_their_marks_stay_in_the_text():
    notes = [
        {"id": "f1", "content": 'Source: <a href="https://port.example/">the port</a>.'},
        {"id": "f2", "content": "Since 1902."},
    ]
    html = (
        paragraph(
            'Nine o\'clock<sup data-fn="f1" class="fn"><a href="#f1" id="f1-link">1</a></sup>.'
        )
        + "<!-- wp:footnotes /-->"
    )
    links = Links(footnotes=json.dumps(notes))
    assert blocks(html, links) == [
        ("paragraph", "<p>Nine o'clock[1].</p>"),
        (
            "paragraph",
            '<ol><li>Source: <a href="https://port.example/">the port</a>.</li>'
            "<li>Since 1902.</li></ol>",
        ),
    ]


def test_a_block_wordpress_builds_when_showing_the_page_is_reported_once_as_left_out():
    body = convert("<!-- wp:latest-posts /-->" + paragraph("Text."))
    assert body.notes == ["block core/latest-posts left out: WordPress made it as the page showed"]


def test_a_custom_html_block_left_open_does_not_swallow_the_blocks_after_it():
    html = block("html", "<blockquote><p>Unclosed") + block(
        "image", f'<figure><img class="wp-image-{FERRY}" src="a.jpg"/></figure>'
    )
    assert blocks(html) == [
        ("quote", {"quote": "Unclosed", "attribution": ""}),
        ("image", {"image": 500, "caption": "", "credit": ""}),
    ]
