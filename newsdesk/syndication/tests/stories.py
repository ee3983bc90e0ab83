"""Stories the feed and sitemap tests share: a fully dressed one, and ones readers must not see."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

from newsdesk.news.tests.builders import (
    make_article,
    make_author,
    make_category,
    make_image,
    paragraphs,
)
from newsdesk.syndication.models import SyndicationSettings


def dressed_story(title="Harbour bridge reopens", **fields):
    """A story with everything a feed entry can carry: a subsection, two bylines, tags,
    a hero image and a body with a relative link and an image."""
    if "category" not in fields:
        section = make_category("Transport")
        fields["category"] = make_category("Bridges and tunnels", parent=section)
    if "authors" not in fields:
        fields["authors"] = [make_author("Ada Lane"), make_author("Tomas Reed")]
    return make_article(
        title,
        tags=fields.pop("tags", ["harbour", "roads"]),
        standfirst=fields.pop("standfirst", "The crossing carries traffic again after repairs."),
        hero_image=fields.pop("hero_image", make_image()),
        body=[
            ("paragraph", RichText('<p>See <a href="/news/">all our stories</a>.</p>')),
            ("image", {"image": make_image("Bridge deck"), "caption": "The deck", "credit": ""}),
            *paragraphs(2),
        ],
        **fields,
    )


def hidden_stories():
    """One story of each kind no reader may see: draft, scheduled, unpublished, private."""
    draft = make_article("Secret draft story", publish=False)
    scheduled = make_article(
        "Secret scheduled story", go_live_at=timezone.now() + timedelta(days=1)
    )
    unpublished = make_article("Secret unpublished story")
    unpublished.unpublish()
    private = make_article("Secret private story")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return [draft, scheduled, unpublished, private]


def set_full_text(enabled):
    """Switch the feeds' full-text setting for the default site, as an editor would."""
    settings = SyndicationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.full_text = enabled
    settings.save()
