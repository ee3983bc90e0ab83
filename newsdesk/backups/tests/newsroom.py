"""Run in a site's own process: publish one story open for comments.

    newsdesk shell -c "from newsdesk.backups.tests.newsroom import open_for_comments
    open_for_comments()"

Prints the story's address and its hero picture's file name as JSON.
"""

import json

from wagtail.models import Site

from newsdesk.comments.models import CommentSettings
from newsdesk.news.tests.builders import make_article, make_image


def open_for_comments():
    """Publish a story with a picture, with readers' comments published at once."""
    comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    comment_settings.moderation = CommentSettings.Moderation.APPROVE_ALL
    comment_settings.save()
    picture = make_image("Ferry at the harbour wall", credit="Photo: Newsdesk staff")
    story = make_article("Night ferry returns to the island timetable", hero_image=picture)
    print(json.dumps({"url": story.url, "picture": picture.file.name}))  # noqa: T201
