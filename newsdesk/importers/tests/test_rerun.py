"""Importing again: the same export changes nothing, a newer one updates and adds."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.comments.models import Comment
from newsdesk.core.models import NewsImage
from newsdesk.importers.models import WordPressObject
from newsdesk.news.models import ArticlePage, Author, Category, FrontPagePick

from . import wxr
from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def counts():
    return [
        model.objects.count()
        for model in (Page, Comment, NewsImage, Author, Category, Redirect, FrontPagePick)
    ]


def test_importing_the_same_file_twice_changes_nothing(media_dir):
    import_wordpress("gazette.xml", media_dir=str(media_dir))
    before = counts()
    second = import_wordpress("gazette.xml", media_dir=str(media_dir))
    assert counts() == before
    posts = next(line for line in second.splitlines() if line.startswith("posts"))
    assert posts.split() == ["posts", "0", "0", "10", "0"]


def test_a_newer_export_updates_changed_posts_and_adds_new_posts_and_comments(tmp_path):
    first = wxr.export(
        tmp_path,
        wxr.post(1, title="Bridge closes", xml=wxr.comment(10)),
        wxr.post(2, title="Market opens"),
        name="first.xml",
    )
    newer = wxr.export(
        tmp_path,
        wxr.post(1, title="Bridge closes for a week", xml=wxr.comment(10) + wxr.comment(11, 10)),
        wxr.post(2, title="Market opens"),
        wxr.post(3, title="Fair comes to town"),
        name="newer.xml",
    )
    import_wordpress(first)
    bridge_id = WordPressObject.objects.get(kind="post", wp_id="1").object_id
    report = import_wordpress(newer)
    assert ArticlePage.objects.get(pk=bridge_id).title == "Bridge closes for a week"
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == [
        "Bridge closes for a week",
        "Fair comes to town",
        "Market opens",
    ]
    reply = Comment.objects.get(name="Reader 11")
    assert reply.parent.name == "Reader 10" and reply.depth == 1
    assert Comment.objects.count() == 2
    posts = next(line for line in report.splitlines() if line.startswith("posts"))
    assert posts.split() == ["posts", "1", "1", "1", "0"]


def test_a_post_deleted_in_newsdesk_is_imported_again(tmp_path):
    path = wxr.export(tmp_path, wxr.post(1, title="Gone and back"))
    import_wordpress(path)
    ArticlePage.objects.get(title="Gone and back").delete()
    import_wordpress(path)
    assert ArticlePage.objects.filter(title="Gone and back").count() == 1
