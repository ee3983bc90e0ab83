"""Give a fresh install a privacy notice under the front page, for editors to adapt.

The comment form links it (``/privacy/``). Nothing is created when a page with
that slug is already there, nor when there is no front page to put it under;
going backwards leaves the page alone, since editors may have rewritten it.
"""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone

SLUG = "privacy"
INTRODUCTION = (
    "What we keep when you comment on a story, for how long, and how to get a copy of it "
    "or have it erased."
)


def sections(retention_days):
    """The notice as (subheading, paragraph) pairs, in the body's own blocks."""
    return [
        (
            "Comments",
            "<p>When you comment we keep what you typed in the form (your name, email address, "
            "website and comment) with the time you sent it, your IP address, the network it "
            "belongs to and the name of your browser. Your name, website and comment are "
            "published once a moderator approves them. Your email address is never shown to "
            "readers: the newsroom uses it only to tell your comments apart and, if you ask, "
            "to find them.</p>",
        ),
        (
            "How long we keep it",
            f"<p>Your IP address, network and browser are kept for {retention_days} days, to "
            "stop spam and floods of comments, and then cleared automatically. That is the "
            "site's default; the newsroom may change it and will update this page if it does. "
            "Your comment, name, email address and website stay with the story until you ask "
            "us to erase them.</p>",
        ),
        (
            "A copy of your data, or erasing it",
            "<p>Write to the newsroom from the email address you commented with. We can send "
            "you everything we hold about your comments as a file, erase your email address, "
            "website and IP address from all of them (your comments then appear as "
            "“Anonymous”), or delete the comments altogether. Every such request is "
            "logged.</p>",
        ),
        (
            "Cookies and your browser",
            "<p>Reading the site sets no cookie. After you post a comment, a cookie named "
            "newsdesk_comments lets you see it while it awaits moderation; it holds only the "
            "numbers of your comments and expires after 30 days. If you tick “Remember my name, email "
            "and website in this browser”, those details are kept in your own browser, sent "
            "to us only when you post, and forgotten when you post with the box unticked.</p>",
        ),
    ]


def body(retention_days):
    blocks = []
    for heading, paragraph in sections(retention_days):
        blocks.append(
            {"type": "heading", "value": {"text": heading, "level": "h2"}, "id": str(uuid.uuid4())}
        )
        blocks.append({"type": "paragraph", "value": paragraph, "id": str(uuid.uuid4())})
    return blocks


def create_privacy_notice(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    StandardPage = apps.get_model("core.StandardPage")

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug=SLUG).exists():
        return
    last = children.order_by("-path").values_list("path", flat=True).first()
    retention_days = getattr(settings, "NEWSDESK_COMMENTS_IP_RETENTION_DAYS", 30)
    now = timezone.now()
    content_type, _created = ContentType.objects.get_or_create(
        app_label="core", model="standardpage"
    )
    StandardPage.objects.create(
        title="Privacy notice",
        draft_title="Privacy notice",
        slug=SLUG,
        introduction=INTRODUCTION,
        body=body(retention_days),
        content_type=content_type,
        path=home.path + next_step(last[-4:] if last else None),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{SLUG}/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def next_step(step):
    """The tree path step after ``step`` (treebeard's base 36, four characters)."""
    number = int(step, 36) + 1 if step else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        text = digits[digit] + text
    return text


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("core", "0004_alter_standardpage_body"),
        ("news", "0002_front_page_and_uncategorized"),
    ]

    operations = [migrations.RunPython(create_privacy_notice, migrations.RunPython.noop)]
