"""Run by the several-servers test in one server's environment (``newsdesk shell -c``).

Each function prints what the test needs to know as one line of JSON.
"""

import io
import json
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage

from newsdesk.core.models import NewsImage
from newsdesk.news.tests.builders import make_article, make_author, make_category


def file_story_with_picture():
    """An editor's upload: a picture saved through the image model, shown on a new story."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 480), (200, 120, 40)).save(buffer, "JPEG")
    picture = NewsImage.objects.create(
        title="Harbour lights after the storm",
        credit="Photo: Newsdesk staff",
        file=ImageFile(buffer, name="harbour-lights.jpg"),
    )
    story = make_article("Harbour lights back on after the storm", hero_image=picture)
    print(json.dumps({"url": story.url, "original": picture.file.name}))  # noqa: T201


def schedule_stories(headline, count, seconds):
    """``count`` stories headed ``headline``, each set to go live ``seconds`` after it is
    scheduled, as an editor schedules them; ``late`` lists any that went live at once
    because the time had come before it was scheduled.

    Written first and scheduled after, so that none is still being written when its
    time comes.
    """
    # Filed and bylined, as the pre-publish checks want: a held story would never go out.
    section, reporter = make_category(f"{headline} desk"), make_author(f"{headline} reporter")
    stories = [
        make_article(
            f"{headline}, part {number + 1}",
            category=section,
            authors=[reporter],
            publish=False,
        )
        for number in range(count)
    ]
    late = []
    for story in stories:
        story.go_live_at = timezone.now() + timedelta(seconds=seconds)
        story.save_revision().publish()
        story.refresh_from_db()
        if story.live:
            late.append(story.pk)
    print(json.dumps({"stories": [{"id": s.pk, "url": s.url} for s in stories], "late": late}))  # noqa: T201
