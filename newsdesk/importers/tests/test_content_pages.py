"""Imported stories as readers get them: structure kept, valid HTML, text shown once unescaped."""

import json
from xml.sax.saxutils import escape

import pytest

from newsdesk.core.models import StandardPage
from newsdesk.news.models import ArticlePage, Category
from newsdesk.testing.nu_html import nu_html_errors

from . import wxr
from .conftest import import_wordpress
from .test_classic import LETTERS_PAGE
from .test_content import block

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

FERRY = 201
PICTURE = "https://builder.example/wp-content/uploads/2024/05/ferry.jpg"


def paragraph(text):
    return block("paragraph", f"<p>{text}</p>")


def picture(caption=""):
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return block(
        "image",
        f'<figure class="wp-block-image"><img src="{PICTURE}" class="wp-image-{FERRY}"/>'
        f"{figcaption}</figure>",
        f'{{"id":{FERRY}}} ',
    )


# A block-editor story using each common core block the way WordPress 6 saves it.
BLOCK_STORY = "\n\n".join(
    [
        paragraph('The horn sounded<sup data-fn="n1" class="fn"><a href="#n1">1</a></sup>.'),
        block("heading", "<h2>On board</h2>"),
        block("list", "<ul><li>Deck<ul><li>Bow</li></ul></li><li>Cabin</li></ul>"),
        block(
            "quote",
            '<blockquote class="wp-block-quote"><p>Steady.</p><cite>Crew</cite></blockquote>',
        ),
        picture("At the quay"),
        block("gallery", f'<figure class="wp-block-gallery">{picture("Bow")}</figure>'),
        block(
            "embed",
            '<figure class="wp-block-embed"><div>https://video.example/v/1</div></figure>',
            '{"url":"https://video.example/v/1"} ',
        ),
        block(
            "columns",
            '<div class="wp-block-columns">'
            + block("column", f'<div class="wp-block-column">{paragraph("Left.")}</div>')
            + block("column", f'<div class="wp-block-column">{paragraph("Right.")}</div>')
            + "</div>",
        ),
        block(
            "cover",
            f'<div class="wp-block-cover"><img class="wp-block-cover__image-background '
            f'wp-image-{FERRY}" src="{PICTURE}"/><div class="wp-block-cover__inner-container">'
            f"{paragraph('Night falls.')}</div></div>",
        ),
        block(
            "details",
            f"<details><summary>When?</summary>{paragraph('At nine.')}</details>",
        ),
        block(
            "buttons",
            block(
                "button", '<div class="wp-block-button"><a href="https://t.example/">Go</a></div>'
            ),
        ),
        block("verse", '<pre class="wp-block-verse">Low tide,\n  high hopes</pre>'),
        block("preformatted", '<pre class="wp-block-preformatted">A  B\nC  D</pre>'),
        block("code", '<pre class="wp-block-code"><code>tide --high</code></pre>'),
        block(
            "table",
            '<figure class="wp-block-table"><table><thead><tr><th>Boat</th></tr></thead>'
            "<tbody><tr><td>Ferry</td></tr></tbody></table></figure>",
        ),
        block(
            "audio",
            '<figure class="wp-block-audio"><audio controls src="https://builder.example/h.mp3">'
            "</audio><figcaption>Horn</figcaption></figure>",
        ),
        block(
            "spacer", '<div style="height:40px" aria-hidden="true" class="wp-block-spacer"></div>'
        ),
        block("separator", '<hr class="wp-block-separator"/>'),
        "<!-- wp:footnotes /-->",
    ]
)
FOOTNOTES = json.dumps([{"id": "n1", "content": "Heard across the <em>bay</em>."}])


def meta(key, value):
    return (
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value>{escape(value)}</wp:meta_value></wp:postmeta>"
    )


def stories(tmp_path):
    classic_extra = (
        # An excerpt saved with its markup escaped, as some editors and plugins leave it.
        "<excerpt:encoded>&amp;lt;blockquote&amp;gt;Tide &amp;amp; time&amp;lt;/blockquote"
        "&amp;gt;</excerpt:encoded>"
        '<category domain="category" nicename="harbour%e2%80%ae%e2%80%ac">Harbour</category>'
        + wxr.comment(1, text="Well said.<br />Thank you.")
    )
    return wxr.export(
        tmp_path,
        wxr.post(FERRY, title="Ferry", post_type="attachment", attachment_url=PICTURE),
        wxr.post(1, title="The <em>night</em> ferry", content=LETTERS_PAGE, xml=classic_extra),
        wxr.post(2, title="Blocks", content=BLOCK_STORY, xml=meta("footnotes", FOOTNOTES)),
        wxr.post(3, title="About us", content=LETTERS_PAGE, post_type="page", post_name="about"),
    )


def test_imported_stories_and_pages_are_valid_html_with_their_structure(
    client, tmp_path, media_dir
):
    printed = import_wordpress(stories(tmp_path), media_dir=str(media_dir))
    classic, blocks = (ArticlePage.objects.get(slug=f"story-{n}") for n in (1, 2))
    about = StandardPage.objects.get(slug="about")
    pages = {p.title: client.get(p.url).content.decode() for p in (classic, blocks, about)}

    assert nu_html_errors(pages) == {}
    kinds = [b.block_type for b in classic.body]
    assert kinds == [
        *("paragraph", "heading", "paragraph", "heading", "quote", "table", "definitions"),
        *("preformatted", "paragraph"),
    ]
    assert [b.block_type for b in blocks.body] == [
        *("paragraph", "heading", "paragraph", "quote", "image", "gallery", "embed"),
        *("paragraph", "paragraph", "image", "paragraph", "heading", "paragraph", "paragraph"),
        *("preformatted", "preformatted", "code", "table", "embed", "separator", "paragraph"),
    ]
    page = pages["The night ferry"]
    assert "<h1" in page and "The night ferry" in page and "&lt;em" not in page
    assert '<p class="standfirst">Tide &amp; time</p>' in page
    assert "Well said.<br>Thank you." in page
    assert "<dt>Quay</dt>" in page and '<pre class="body-preformatted">Mon   21:00' in page
    assert Category.objects.get(name="Harbour").slug == "harbour"
    assert "post 1: markup left out of the title “The <em>night</em> ferry”" in printed
