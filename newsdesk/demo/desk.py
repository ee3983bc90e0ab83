"""The demo newsroom at work: a reporter and an editor, a story in review, one scheduled.

Signing in as the reporter shows a draft waiting in the Newsroom review; as the
editor, that draft to approve and a story due to go out tomorrow morning.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape
from wagtail.rich_text import RichText

from newsdesk.desk.stories import EDITORS, REPORTERS, main_story_index, newsroom_review
from newsdesk.news.models import ArticleAuthor, ArticlePage

# (username, name, group): who signs in to the demo's newsroom besides the admin.
DESK_PEOPLE = (
    ("reporter", ("Tomas", "Ilves"), REPORTERS),
    ("editor", ("Nadia", "Ferrant"), EDITORS),
)


@dataclass(frozen=True)
class DeskStory:
    slug: str
    headline: str
    standfirst: str
    section: str
    reporter: str
    paragraphs: tuple


IN_REVIEW = DeskStory(
    "night-buses-to-run-all-winter",
    "Night buses to run all winter after a summer trial",
    "The late service between the quay and Saltings carried more riders than expected.",
    "transport",
    "tomas-ilves",
    (
        "The night bus between the quay and Saltings will keep running until March, the "
        "transport office said, after a summer trial carried twice the riders it planned for.",
        "Shift workers at the shipyard made up most of the late passengers, the office's count "
        "showed. Buses will leave the quay every forty minutes from eleven until two.",
    ),
)
SCHEDULED = DeskStory(
    "lantern-festival-the-full-programme",
    "Lantern festival: the full programme",
    "Three evenings of music, boats and a procession along the river, hour by hour.",
    "culture",
    "ravi-dunmore",
    (
        "The lantern festival returns to the quay for three evenings, with the procession "
        "leaving the town hall steps at seven on the final night.",
        "Boats decorated by the rowing club will moor below the cranes, and the brass band "
        "plays from the bandstand each evening until the lanterns are lit.",
    ),
)


def ensure_desk_people():
    """The demo's reporter and editor accounts, by username; made without a password."""
    users, made = get_user_model(), {}
    for username, (first, last), group in DESK_PEOPLE:
        user, created = users.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
        made[username] = user
    return made


def _draft(seed, people, owner):
    sections, reporters = people
    story = ArticlePage(
        title=seed.headline,
        slug=seed.slug,
        standfirst=seed.standfirst,
        category=sections[seed.section],
        body=[("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in seed.paragraphs],
        owner=owner,
        live=False,
    )
    main_story_index().add_child(instance=story)
    ArticleAuthor.objects.create(article=story, author=reporters[seed.reporter], sort_order=0)
    return story


def ensure_desk_work(people, now):
    """A reporter's draft submitted to the Newsroom review, and a story scheduled for tomorrow."""
    desk = ensure_desk_people()
    if not ArticlePage.objects.filter(slug=IN_REVIEW.slug).exists():
        story = _draft(IN_REVIEW, people, desk["reporter"])
        story.save_revision(user=desk["reporter"])
        newsroom_review().start(story, desk["reporter"])
    if not ArticlePage.objects.filter(slug=SCHEDULED.slug).exists():
        story = _draft(SCHEDULED, people, desk["editor"])
        tomorrow = timezone.localdate(now) + timedelta(days=1)
        story.go_live_at = timezone.make_aware(datetime.combine(tomorrow, time(7)))
        story.save_revision(user=desk["editor"]).publish(user=desk["editor"])
