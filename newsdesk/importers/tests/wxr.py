"""A small builder of WXR exports for tests that need one variation of a file."""

from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Builder Times</title><link>https://builder.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://builder.example</wp:base_site_url>
"""


def comment(wp_id, parent=0, text=None, approved="1"):
    """One ``<wp:comment>``."""
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
        f"<wp:comment_author>Reader {wp_id}</wp:comment_author>"
        f"<wp:comment_date_gmt>2024-01-01 10:{wp_id % 60:02d}:00</wp:comment_date_gmt>"
        f"<wp:comment_content>{escape(text or f'Reply number {wp_id}')}</wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def post(wp_id, title="A story", content="Some words.", date="2024-01-01 09:00:00", **extra):
    """One ``<item>``; ``extra`` adds ``wp:`` fields (``status="draft"``) or raw ``xml``."""
    xml = extra.pop("xml", "")
    fields = {"post_type": "post", "status": "publish", "post_name": f"story-{wp_id}", **extra}
    wp_fields = "".join(
        f"<wp:{key}>{escape(str(value))}</wp:{key}>" for key, value in fields.items()
    )
    return (
        f"<item><title>{escape(title)}</title>"
        f"<link>https://builder.example/{fields['post_name']}/</link>"
        f"<content:encoded>{escape(content)}</content:encoded>"
        f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>"
        f"{wp_fields}{xml}</item>"
    )


def export(tmp_path, *items, name="built.xml"):
    """Write an export holding ``items`` into ``tmp_path``; returns its path."""
    path = tmp_path / name
    path.write_text(HEAD + "".join(items) + "</channel></rss>", encoding="utf-8")
    return path
