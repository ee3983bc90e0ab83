"""Building the demo paper: sections, reporters, stories and readers' discussions.

Every step looks for what an earlier run made before making it, so running the
demo twice leaves one paper, and asking for more stories adds only the missing ones.
"""

import io
import itertools
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.rich_text import RichText

from newsdesk.comments.models import Comment
from newsdesk.core.models import NewsImage, StandardPage
from newsdesk.core.scheduler import publish_due
from newsdesk.news.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Author,
    Category,
    FrontPagePick,
    HomePage,
)
from newsdesk.news.models.bylines import REPORTING

from . import corrections as notes
from . import desk, pictures
from . import live as live_stories
from . import newsletters as demo_newsletters
from .stories import (
    BACKGROUND,
    BEATS,
    CLOSING,
    DATELINES,
    FOLLOW_UPS,
    HEADINGS,
    READERS,
    REMARKS,
    REPLIES,
    REPORTERS,
    SECTIONS,
    STAFF,
    STORIES,
    WIRE_AGENCY,
)

EDITOR_USERNAME = "admin"
FRONT_PAGE_PICKS = 4
HOURS_BETWEEN_STORIES = 4
# Two drawings of each setting, each with its own title, which is also its alt text.
PICTURE_TITLES = {
    "harbour": ("The Old Harbour at dusk", "Boats moored below the Old Harbour cranes"),
    "town": ("Rooftops of Millbrook", "Terraced houses on Market Street"),
    "park": ("The riverside park", "The path through the riverside park"),
    "street": ("Station Road", "Station Road in the rain"),
    "hall": ("Eastmere town hall", "The steps of Eastmere town hall"),
    "coast": ("Sandbanks at low tide", "Seals on the outer sandbanks"),
    "lantern": ("Lanterns on the river", "Lantern procession along the quay"),
    "stadium": ("Eastmere Athletic's ground", "Floodlights over Eastmere Athletic's ground"),
    "sky": ("Clear skies over Saltings", "A weather balloon over Saltings"),
}
PICTURE_VARIANTS = 2
PICTURE_CREDIT = "Illustration: Newsdesk demo"


@dataclass
class Summary:
    stories: int = 0
    new_stories: int = 0
    sections: int = 0
    reporters: int = 0
    comments: int = 0


@dataclass(frozen=True)
class EditorLogin:
    username: str
    password: str | None


def publishing_order(stories=STORIES):
    """The seed stories newest first, taking turns between sections like a real front page."""
    by_section = {}
    for story in stories:
        by_section.setdefault(story.section, []).append(story)
    rounds = itertools.zip_longest(*by_section.values())
    return [story for round_ in rounds for story in round_ if story is not None]


def planned_stories(count):
    """``count`` (headline, seed) pairs: every seed once, then follow-ups on each."""
    order = publishing_order()
    plan = []
    for index in range(count):
        seed = order[index % len(order)]
        round_ = index // len(order)
        if round_ == 0:
            headline = seed.headline
        else:
            angle = FOLLOW_UPS[(round_ - 1) % len(FOLLOW_UPS)]
            part = (round_ - 1) // len(FOLLOW_UPS)
            headline = f"{seed.headline}: {angle}" + (f" (part {part + 1})" if part else "")
        plan.append((headline, seed))
    return plan


def story_slug(headline):
    """The story's address: its headline, slugified, which the demo also uses to find it again."""
    return slugify(headline)


def ensure_sections():
    """The paper's categories, nested as ``SECTIONS`` says; returns them by slug."""
    made = {}
    for section in SECTIONS:
        made[section.slug], _created = Category.objects.get_or_create(
            slug=section.slug,
            defaults={
                "name": section.name,
                "description": section.description,
                "parent": made.get(section.parent),
                "sort_order": len(made) * 10,
            },
        )
    return made


def _store_picture(title, filename, drawing):
    data = io.BytesIO(pictures.as_jpeg(drawing))
    # The titles say what each drawing shows: they are its alt text too.
    return NewsImage.objects.create(
        title=title,
        description=title,
        credit=PICTURE_CREDIT,
        file=ImageFile(data, name=filename),
    )


def ensure_picture(kind, variant):
    title = PICTURE_TITLES[kind][variant]
    image = NewsImage.objects.filter(title=title).first()
    if image is None:
        image = _store_picture(
            title, f"demo-{kind}-{variant + 1}.jpg", pictures.draw_scene(kind, variant)
        )
    return image


def ensure_reporters():
    """The newsroom's reporters, each with a drawn portrait; returns them by slug."""
    made = {}
    for reporter in REPORTERS:
        author = Author.objects.filter(slug=reporter.slug).first()
        if author is None:
            portrait = _store_picture(
                f"{reporter.name}, portrait",
                f"demo-{reporter.slug}.jpg",
                pictures.draw_portrait(reporter.name),
            )
            author = Author.objects.create(
                slug=reporter.slug,
                name=reporter.name,
                role=reporter.role,
                bio=reporter.bio,
                photo=portrait,
            )
        made[reporter.slug] = author
    return made


def _paragraph(text):
    return ("paragraph", RichText(f"<p>{escape(text)}</p>"))


def story_body(seed, rng):
    """The blocks of one story: facts, a quote, a subheading, the background, maybe a picture."""
    background = list(BACKGROUND[seed.section])
    rng.shuffle(background)
    facts = seed.facts
    blocks = [
        _paragraph(f"{facts[0]} {background[0]}"),
        _paragraph(f"{facts[1]} {seed.speaker}, {seed.speaker_role}, spoke to the Chronicle."),
        ("quote", {"quote": seed.quote, "attribution": f"{seed.speaker}, {seed.speaker_role}"}),
        _paragraph(facts[2]),
        ("heading", {"text": rng.choice(HEADINGS), "level": "h2"}),
        _paragraph(f"{background[1]} {background[2]}"),
    ]
    if rng.random() < 0.5:
        kind = rng.choice(sorted(set(PICTURE_TITLES) - {seed.picture}))
        variant = rng.randrange(PICTURE_VARIANTS)
        image = ensure_picture(kind, variant)
        caption = f"{PICTURE_TITLES[kind][variant]}."
        blocks.append(("image", {"image": image, "caption": caption, "credit": ""}))
    blocks.append(_paragraph(background[3]))
    points = "".join(f"<li>{escape(fact)}</li>" for fact in facts)
    blocks.append(("paragraph", RichText(f"<p>At a glance:</p><ul>{points}</ul>")))
    blocks.append(_paragraph(CLOSING))
    return blocks


def _reader(rng, besides=""):
    name = rng.choice([reader for reader in READERS if reader != besides])
    handle = slugify(name).replace("-", ".")
    website = f"https://{handle.split('.')[0]}.example.net/" if rng.random() < 0.3 else ""
    return {"name": name, "email": f"{handle}@example.org", "website": website}


def add_discussion(article, rng, now, least=0):
    """Readers' comments on ``article``: a few threads, some replies, replies to replies.

    At least ``least`` threads, so the stories a visitor sees first have a discussion.
    """
    posted = article.first_published_at
    # Readers answer over the first two days, or over what has passed of them so far.
    pace = min(now - posted, timedelta(days=2)) / 14
    # Each line is said at most once under one story, and nobody answers themselves.
    remarks, replies = rng.sample(REMARKS, len(REMARKS)), rng.sample(REPLIES, len(REPLIES))
    made = 0
    for _thread in range(max(least, rng.choice((0, 1, 2, 2, 3, 4)))):
        posted += pace * rng.uniform(0.5, 1.5)
        parent = Comment.objects.create(
            article=article,
            body=remarks.pop(),
            status=Comment.Status.APPROVED,
            created_at=min(posted, now),
            **_reader(rng),
        )
        made += 1
        for depth in range(1, min(rng.choice((1, 1, 2, 3, 4)), len(replies) + 1)):
            posted += pace * rng.uniform(0.5, 1.5)
            parent = Comment.objects.create(
                article=article,
                parent=parent,
                depth=depth,
                body=replies.pop(),
                status=Comment.Status.APPROVED,
                created_at=min(posted, now),
                **_reader(rng, besides=parent.name),
            )
            made += 1
    return made


def add_moderation_work(article, now):
    """A comment waiting for a moderator and one caught as spam, so the queue has work."""
    Comment.objects.create(
        article=article,
        body="Will the council publish the full survey results? I would like to read them.",
        status=Comment.Status.PENDING,
        moderation_reason="every new comment is held for moderation",
        created_at=now - timedelta(minutes=3),
        **_reader(random.Random("pending")),  # noqa: S311 - sample data
    )
    Comment.objects.create(
        article=article,
        name="Best Deals Online",
        email="offers@example.com",
        website="https://deals.example.com/",
        body="Great post! Cheap watches at www.example.com/watches and www.example.com/bags",
        status=Comment.Status.SPAM,
        moderation_reason="filled in the hidden field",
        created_at=now - timedelta(minutes=2),
    )
    return 2


def byline_credits(index, seed, rng, reporters):
    """``(reporter or credit line, role)`` for one story: its beat's reporters, and on
    some stories a wire agency, additional reporting, photographs or video besides."""
    beat = [reporters[slug] for slug in BEATS[seed.section]]
    writers = beat[: 2 if rng.random() < 0.25 else 1]
    credits = [(writer, REPORTING) for writer in writers]
    if index % 6 == 3:
        credits.append((WIRE_AGENCY, REPORTING))
    if index % 4 == 0 and len(writers) == 1:
        credits.append((beat[1], "Additional reporting"))
    if index % 3 == 0:
        credits.append((STAFF, "Photographs"))
    if index % 8 == 5:
        credits.append((STAFF, "Video"))
    return credits


def write_article(index, headline, seed, people, now):
    """Publish one story, backdated ``index`` slots before ``now``; returns it."""
    rng = random.Random(headline)  # noqa: S311 - sample data
    slug = story_slug(headline)
    sections, reporters = people
    article = ArticlePage(
        title=headline,
        slug=slug,
        standfirst=seed.standfirst,
        category=sections[seed.section],
        hero_image=ensure_picture(seed.picture, index % PICTURE_VARIANTS),
        hero_caption=f"{PICTURE_TITLES[seed.picture][index % PICTURE_VARIANTS]}.",
        body=story_body(seed, rng),
        dateline=DATELINES[index // 2 % len(DATELINES)] if index % 2 == 0 else "",
        update_note=notes.update_note(index),
        live=False,
    )
    ArticleIndexPage.objects.get(slug="news").add_child(instance=article)
    for order, (who, role) in enumerate(byline_credits(index, seed, rng, reporters)):
        who = {"author": who} if isinstance(who, Author) else {"credit": who}
        ArticleAuthor.objects.create(article=article, role=role, sort_order=order, **who)
    article.tags.add(*seed.tags)
    article.save_revision().publish()
    published = now - timedelta(hours=index * HOURS_BETWEEN_STORIES, minutes=rng.randrange(60))
    updated = published + timedelta(hours=2) if index % 5 == 2 else published
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published,
        last_published_at=min(updated, now),
        last_updated_at=min(updated, now) if updated > published else None,
    )
    article.refresh_from_db()
    return article


HELD_HEADLINE = "Lighthouse cottages to open as a museum of the keepers"
HELD_SLUG = "lighthouse-cottages-museum"


def ensure_held_story(sections, now):
    """A culture story scheduled for a quarter of an hour ago without a byline.

    The scheduler held it back at its time, as it holds any story failing a
    blocking check, so the dashboard shows it as "held" with the reason.
    """
    if ArticlePage.objects.filter(slug=HELD_SLUG).exists():
        return
    due = now - timedelta(minutes=15)
    story = ArticlePage(
        title=HELD_HEADLINE,
        slug=HELD_SLUG,
        standfirst="The three cottages below Gull Point light will show how its keepers lived.",
        category=sections["culture"],
        body=[
            _paragraph(
                "The trust that bought the empty cottages last spring says the first room, "
                "the keepers' kitchen, will open to visitors before the summer festival."
            ),
            _paragraph(
                "Volunteers have catalogued logbooks, oilskins and a brass fog bell that "
                "spent forty years in a garden shed on Quay Street."
            ),
        ],
        go_live_at=due,
        live=False,
    )
    ArticleIndexPage.objects.get(slug="news").add_child(instance=story)
    revision = story.save_revision()
    # What scheduling it did; the scheduler then finds it due and holds it.
    revision.approved_go_live_at = due
    revision.save(update_fields=["approved_go_live_at"])
    publish_due()


def feature_on_front_page(articles):
    """Put the leading seed stories at the top of the front page, unless an editor already has."""
    home = HomePage.objects.get()
    if home.picks.exists():
        return
    home.picks = [FrontPagePick(article=article) for article in articles[:FRONT_PAGE_PICKS]]
    home.save_revision().publish()


def ensure_menu_pages():
    """An About page, and the story index, both linked from every page's footer."""
    ArticleIndexPage.objects.filter(slug="news").update(show_in_menus=True)
    home = HomePage.objects.get()
    if StandardPage.objects.filter(slug="about").exists():
        return
    about = StandardPage(
        title="About the Chronicle",
        slug="about",
        show_in_menus=True,
        introduction="The Newsdesk Chronicle is a demonstration newspaper for a town that "
        "does not exist.",
        body=[
            _paragraph(
                "Every story, reporter, reader and picture on this site was invented for "
                "the Newsdesk demo. Sign in to the newsroom to write, schedule and publish "
                "stories and to moderate readers' comments."
            )
        ],
    )
    home.add_child(instance=about)
    about.save_revision().publish()


def ensure_editor(data_dir):
    """The demo's admin account; its generated password is kept in the data folder.

    Returns the login, with ``password=None`` when the account was made by someone
    else or its password has been changed since.
    """
    users = get_user_model()
    if not users.objects.filter(username=EDITOR_USERNAME).exists():
        users.objects.create_superuser(EDITOR_USERNAME, "admin@example.com", None)
    return ensure_login(EDITOR_USERNAME, data_dir)


def ensure_login(username, data_dir):
    """A login for the demo account ``username``, its password kept in the data folder.

    An account without a usable password gets a generated one; the password is
    ``None`` when it has been changed since, or the account was made by someone else.
    """
    password_file = Path(data_dir) / f"demo-{username}-password"
    user = get_user_model().objects.get(username=username)
    if user.has_usable_password():
        known = password_file.read_text().strip() if password_file.exists() else None
        still_valid = known is not None and user.check_password(known)
        return EditorLogin(username, known if still_valid else None)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return EditorLogin(username, password)


def build(count, progress=None, now=None):
    """Make sure the demo paper has ``count`` stories; returns a ``Summary``.

    ``progress`` is called once for each planned story, new or already there.
    """
    now = now or timezone.now()
    people = (ensure_sections(), ensure_reporters())
    ensure_menu_pages()
    summary = Summary(sections=len(people[0]), reporters=len(people[1]))
    leads = []
    for index, (headline, seed) in enumerate(planned_stories(count)):
        article = ArticlePage.objects.filter(slug=story_slug(headline)).first()
        if article is None:
            with transaction.atomic():
                article = write_article(index, headline, seed, people, now)
                rng = random.Random(index)  # noqa: S311 - sample data
                summary.comments += add_discussion(article, rng, now, least=3 if seed.lead else 0)
                notes.add_notes(article, index)
                if index == 0:
                    summary.comments += add_moderation_work(article, now)
            summary.new_stories += 1
        if seed.lead and headline == seed.headline:
            leads.append(article)
        if progress:
            progress()
    summary.stories = count
    feature_on_front_page(leads)
    desk.ensure_desk_work(people, now)
    ensure_held_story(people[0], now)
    live_stories.ensure_live_stories(people, now, ensure_picture)
    demo_newsletters.ensure_newsletters(now)
    return summary
