"""Every way stories and comments are written reaches the next reader through the cache.

Each case fills the cache with a story's page, another story's page (whose
"Latest developments" box lists the first) and the front page, writes the way
one part of the newsroom does (the admin, one item or in bulk, the command
line, the scheduler, privacy requests, the importer, readers, or code using
the querysets directly), and reads the page that must show the change.
"""

from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.core import scheduler
from newsdesk.importers.tests import wxr
from newsdesk.importers.tests.conftest import import_wordpress
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article, make_author, make_category, make_correction
from newsdesk.news.tests.test_editing import article_form
from newsdesk.privacy.retention import clear_old_ip_addresses

from .test_freshness import warmed
from .test_sharing import READER_FIELDS, form_fields

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

READER = "pia@example.com"


@dataclass
class Newsroom:
    story: ArticlePage
    other: ArticlePage
    approved: Comment
    pending: Comment
    admin: object
    cached_site: object
    tmp_path: object


@dataclass(frozen=True)
class Seen:
    """What the next reader of ``path`` must (and must not) find."""

    path: str
    shows: str = ""
    hides: str = ""
    status: int = 200


def comment(story, body, status):
    return Comment.objects.create(
        article=story,
        name="Pia Lund",
        email=READER,
        body=body,
        status=status,
        ip_address="192.0.2.7",
    )


def admin_bulk(newsroom, app, model, action, *objects):
    url = reverse("wagtail_bulk_action", args=[app, model, action])
    query = urlencode([("id", item.pk) for item in objects])
    assert newsroom.admin.post(f"{url}?{query}").status_code == 302


# Stories ------------------------------------------------------------------------------


def admin_publishes_an_edit(newsroom):
    edit = reverse("wagtailadmin_pages:edit", args=(newsroom.story.pk,))
    form = {**article_form("Ferry fares frozen again"), "slug": newsroom.story.slug}
    assert newsroom.admin.post(edit, {**form, "action-publish": "1"}).status_code == 302
    return Seen(newsroom.other.url, shows="Ferry fares frozen again")


def admin_publishes_an_update(newsroom):
    edit = reverse("wagtailadmin_pages:edit", args=(newsroom.story.pk,))
    note = "Adds the answer from the council."
    form = {**article_form(newsroom.story.title), "slug": newsroom.story.slug}
    update = {**form, "republished_as": "update", "update_note": note, "action-publish": "1"}
    assert newsroom.admin.post(edit, update).status_code == 302
    return Seen(newsroom.story.url, shows=note)


def admin_adds_a_correction(newsroom):
    form = {"article": newsroom.story.pk, "kind": "correction", "text": "Fares rise by 5%."}
    assert newsroom.admin.post(reverse("corrections:add"), form).status_code == 302
    return Seen(newsroom.story.url, shows="Fares rise by 5%.")


def admin_withdraws_a_correction(newsroom):
    note = make_correction(newsroom.story, "Fares rise by 50%.")
    newsroom.cached_site.commit()
    warmed(newsroom.cached_site, newsroom.story.url)
    edit = reverse("corrections:edit", args=(note.pk,))
    assert newsroom.admin.post(edit, {"withdraw": "on"}).status_code == 302
    return Seen(newsroom.story.url, shows="This correction was withdrawn on", hides="50%")


def admin_unpublishes(newsroom):
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(newsroom.story.pk,))
    assert newsroom.admin.post(unpublish).status_code == 302
    return Seen(newsroom.other.url, hides=newsroom.story.title)


def admin_deletes(newsroom):
    delete = reverse("wagtailadmin_pages:delete", args=(newsroom.story.pk,))
    assert newsroom.admin.post(delete).status_code == 302
    return Seen("/", hides=newsroom.story.title)


def admin_publishes_in_bulk(newsroom):
    draft = make_article("Lighthouse keeper retires", publish=False)
    admin_bulk(newsroom, "wagtailcore", "page", "publish", draft)
    return Seen("/", shows="Lighthouse keeper retires")


def admin_unpublishes_in_bulk(newsroom):
    admin_bulk(newsroom, "wagtailcore", "page", "unpublish", newsroom.story)
    return Seen("/", hides=newsroom.story.title)


def scheduler_publishes_when_due(newsroom):
    scheduled = make_article(
        "Tall ship visits", category=make_category(), authors=[make_author()], publish=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(minutes=5)
    scheduled.save_revision().publish()
    due = scheduled.go_live_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=due):
        scheduler.publish_due()
    return Seen("/", shows="Tall ship visits")


def command_line_withdraws_expired_story(newsroom):
    ArticlePage.objects.filter(pk=newsroom.story.pk).update(expire_at=timezone.now())
    call_command("publish_scheduled", verbosity=0)
    return Seen(newsroom.story.url, status=404)


def importer_adds_a_story(newsroom):
    today = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
    import_wordpress(wxr.export(newsroom.tmp_path, wxr.post(1, "Harbour tug imported", date=today)))
    return Seen("/", shows="Harbour tug imported")


def code_updates_stories(newsroom):
    ArticlePage.objects.filter(pk=newsroom.story.pk).update(title="Ferry fares thawed")
    return Seen(newsroom.other.url, shows="Ferry fares thawed")


def code_deletes_stories(newsroom):
    ArticlePage.objects.filter(pk=newsroom.story.pk).delete()
    return Seen(newsroom.story.url, status=404)


# Comments -----------------------------------------------------------------------------


def reader_comment_published_at_once(newsroom, cached_site):
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = CommentSettings.Moderation.APPROVE_ALL
    settings.save()
    action, fields = form_fields(cached_site.get(newsroom.story.url))
    words = {**fields, **READER_FIELDS, "comment": "Bring back the night ferry."}
    assert cached_site.post(action, words).status == 302
    return Seen(newsroom.story.url, shows="Bring back the night ferry.")


def admin_approves_one(newsroom):
    edit = reverse("wagtailsnippets_comments_comment:edit", args=[newsroom.pending.pk])
    fields = {"name": "Pia Lund", "website": "", "body": newsroom.pending.body}
    assert newsroom.admin.post(edit, {**fields, "status": "approved"}).status_code == 302
    return Seen(newsroom.story.url, shows=newsroom.pending.body)


def admin_edits_the_words(newsroom):
    edit = reverse("wagtailsnippets_comments_comment:edit", args=[newsroom.approved.pk])
    fields = {"name": "Pia Lund", "website": "", "body": "Edited: the ferry was early."}
    assert newsroom.admin.post(edit, {**fields, "status": "approved"}).status_code == 302
    return Seen(newsroom.story.url, shows="Edited: the ferry was early.")


def admin_deletes_one(newsroom):
    delete = reverse("wagtailsnippets_comments_comment:delete", args=[newsroom.approved.pk])
    assert newsroom.admin.post(delete).status_code == 302
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def admin_approves_in_bulk(newsroom):
    admin_bulk(newsroom, "comments", "comment", "approve", newsroom.pending)
    return Seen(newsroom.story.url, shows=newsroom.pending.body)


def admin_trashes_in_bulk(newsroom):
    admin_bulk(newsroom, "comments", "comment", "trash", newsroom.approved)
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def admin_deletes_in_bulk(newsroom):
    admin_bulk(newsroom, "comments", "comment", "delete", newsroom.approved)
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def command_line_approves(newsroom):
    call_command("comments", "approve", str(newsroom.pending.pk), stdout=StringIO())
    return Seen(newsroom.story.url, shows=newsroom.pending.body)


def command_line_marks_spam(newsroom):
    call_command("comments", "spam", str(newsroom.approved.pk), stdout=StringIO())
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def privacy_erases_the_commenter(newsroom):
    call_command("privacy", "erase", READER, stdout=StringIO())
    return Seen(newsroom.story.url, hides="Pia Lund")


def privacy_erases_the_words_too(newsroom):
    call_command("privacy", "erase", READER, "--delete-comments", stdout=StringIO())
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def importer_adds_comments(newsroom):
    today = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
    first = wxr.post(1, "Harbour tug imported", date=today)
    import_wordpress(wxr.export(newsroom.tmp_path, first, name="first.xml"))
    imported = ArticlePage.objects.get(title="Harbour tug imported")
    warmed(newsroom.cached_site, imported.url)
    again = wxr.post(1, "Harbour tug imported", date=today, xml=wxr.comment(7, text="Tug ahoy"))
    import_wordpress(wxr.export(newsroom.tmp_path, again, name="again.xml"))
    return Seen(imported.url, shows="Tug ahoy")


def code_updates_comments(newsroom):
    Comment.objects.filter(pk=newsroom.approved.pk).update(body="Rewritten in bulk.")
    return Seen(newsroom.story.url, shows="Rewritten in bulk.")


def code_deletes_comments(newsroom):
    Comment.objects.filter(article=newsroom.story).delete()
    return Seen(newsroom.story.url, hides=newsroom.approved.body)


def code_creates_comments_in_bulk(newsroom):
    Comment.objects.bulk_create(
        [Comment(article=newsroom.story, name="Ola", email="o@example.com", body="Bulk hello.",
                 status=Comment.Status.APPROVED)]
    )  # fmt: skip
    return Seen(newsroom.story.url, shows="Bulk hello.")


WRITE_PATHS = [
    admin_publishes_an_edit,
    admin_publishes_an_update,
    admin_adds_a_correction,
    admin_withdraws_a_correction,
    admin_unpublishes,
    admin_deletes,
    admin_publishes_in_bulk,
    admin_unpublishes_in_bulk,
    scheduler_publishes_when_due,
    command_line_withdraws_expired_story,
    importer_adds_a_story,
    code_updates_stories,
    code_deletes_stories,
    admin_approves_one,
    admin_edits_the_words,
    admin_deletes_one,
    admin_approves_in_bulk,
    admin_trashes_in_bulk,
    admin_deletes_in_bulk,
    command_line_approves,
    command_line_marks_spam,
    privacy_erases_the_commenter,
    privacy_erases_the_words_too,
    importer_adds_comments,
    code_updates_comments,
    code_deletes_comments,
    code_creates_comments_in_bulk,
]


@pytest.fixture
def newsroom(cached_site, admin_client, tmp_path):
    story = make_article("Ferry fares frozen")
    other = make_article("Quay repairs begin")
    newsroom = Newsroom(
        story=story,
        other=other,
        approved=comment(story, "The early boat is always late.", Comment.Status.APPROVED),
        pending=comment(story, "Waiting for a moderator.", Comment.Status.PENDING),
        admin=admin_client,
        cached_site=cached_site,
        tmp_path=tmp_path,
    )
    for path in (story.url, other.url, "/"):
        warmed(cached_site, path)
    return newsroom


@pytest.mark.parametrize("write", WRITE_PATHS, ids=lambda write: write.__name__)
def test_the_next_reader_sees_each_write(cached_site, newsroom, write):
    seen = write(newsroom)
    answer = cached_site.get(seen.path)
    assert answer.status == seen.status
    if seen.shows:
        assert seen.shows in answer.text
    if seen.hides:
        assert seen.hides not in answer.text


def test_a_reader_posting_a_comment_published_at_once_sees_it_next(cached_site, newsroom):
    seen = reader_comment_published_at_once(newsroom, cached_site)
    assert seen.shows in cached_site.get(seen.path).text


def test_clearing_what_no_reader_sees_leaves_the_kept_pages_alone(cached_site, newsroom):
    long_ago = timezone.now() - timedelta(days=400)
    Comment.objects.filter(pk=newsroom.approved.pk).update(created_at=long_ago)
    warmed(cached_site, newsroom.story.url)
    assert clear_old_ip_addresses() == 1
    assert cached_site.get(newsroom.story.url).from_cache
