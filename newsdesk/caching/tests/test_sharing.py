"""What the shared cache may hold, who it answers, and the HTTP around it."""

import gzip

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Site

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.news.models import NewsSettings
from newsdesk.news.tests.builders import make_article, make_category

from .recording_backend import purged
from .test_freshness import warmed

pytestmark = pytest.mark.django_db

READER_FIELDS = {"name": "Ola Brekke", "email": "ola@example.com", "website": ""}


def form_fields(answer):
    form = answer.page.select_one("#commentform")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return form["action"].partition("#")[0], fields


def test_a_kept_page_carries_no_cookie_and_no_security_token(cached_site):
    story = make_article("Harbour dues rise")
    answer = warmed(cached_site, story.url)
    assert answer.headers["set-cookie"] == []
    assert "csrfmiddlewaretoken" not in answer.text
    assert "Cookie" in answer.headers["vary"]


def test_the_comment_form_on_a_kept_page_works_for_every_reader_who_uses_it(cached_site, settings):
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 0
    story = make_article("Harbour dues rise")
    action, fields = form_fields(warmed(cached_site, story.url))
    first = cached_site.post(action, {**fields, **READER_FIELDS, "comment": "Too steep."})
    second = cached_site.post(
        action,
        {**fields, **READER_FIELDS, "email": "kari@example.com", "comment": "Fair enough."},
        X_Forwarded_For="192.0.2.9",
    )
    assert first.status == second.status == 302
    assert sorted(Comment.objects.values_list("body", flat=True)) == ["Fair enough.", "Too steep."]


def test_a_reader_with_a_comment_awaiting_moderation_sees_it_and_no_one_else_does(
    cached_site, settings
):
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 0
    story = make_article("Harbour dues rise")
    action, fields = form_fields(warmed(cached_site, story.url))
    sent = cached_site.post(action, {**fields, **READER_FIELDS, "comment": "Held for now."})
    cookie = sent.headers["set-cookie"][0].partition(";")[0]

    own = cached_site.get(story.url, Cookie=cookie)
    assert "Held for now." in own.text
    assert not own.from_cache
    assert "private" in own.headers["cache-control"]
    anyone = cached_site.get(story.url)
    assert anyone.from_cache
    assert "Held for now." not in anyone.text


def test_a_logged_in_editor_gets_their_own_page_and_it_is_never_shared(cached_site):
    story = make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    browser = Client()
    browser.force_login(editor)
    session = f"sessionid={browser.cookies['sessionid'].value}"

    own = cached_site.get(story.url, Cookie=session)
    assert not own.from_cache
    assert "private" in own.headers["cache-control"]
    assert "wagtail-userbar" in own.text
    anyone = cached_site.get(story.url)
    assert anyone.from_cache
    assert "wagtail-userbar" not in anyone.text


def test_unchanged_pages_are_answered_304_by_etag_and_by_date(cached_site):
    story = make_article("Harbour dues rise")
    answer = warmed(cached_site, story.url)
    assert "s-maxage=" in answer.headers["cache-control"]
    assert "stale-while-revalidate=" in answer.headers["cache-control"]
    by_etag = cached_site.get(story.url, If_None_Match=answer.headers["etag"])
    by_date = cached_site.get(story.url, If_Modified_Since=answer.headers["last-modified"])
    assert by_etag.status == by_date.status == 304
    assert by_etag.raw == b""
    assert by_etag.headers["etag"] == answer.headers["etag"]
    assert cached_site.get(story.url, If_None_Match='"something-else"').status == 200


def test_text_is_sent_in_brotli_or_gzip_as_the_browser_asks(cached_site):
    story = make_article("Harbour dues rise")
    plain = warmed(cached_site, story.url)
    as_brotli = cached_site.get(story.url, Accept_Encoding="gzip, deflate, br")
    as_gzip = cached_site.get(story.url, Accept_Encoding="gzip")
    refused = cached_site.get(story.url, Accept_Encoding="br;q=0, gzip;q=0")
    assert "content-encoding" not in plain.headers and "content-encoding" not in refused.headers
    assert as_brotli.headers["content-encoding"] == "br"
    assert as_gzip.headers["content-encoding"] == "gzip"
    assert brotli.decompress(as_brotli.raw) == gzip.decompress(as_gzip.raw) == plain.raw
    assert len(as_brotli.raw) < len(plain.raw) / 3
    assert len({plain.headers["etag"], as_brotli.headers["etag"], as_gzip.headers["etag"]}) == 3


def test_a_shared_link_with_tracking_parameters_gets_the_kept_page(cached_site):
    story = make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    shared = cached_site.get(f"{story.url}?utm_source=newsletter&fbclid=abc123")
    assert shared.from_cache


def test_an_unknown_parameter_is_rendered_afresh_and_never_kept(cached_site):
    story = make_article("Harbour dues rise")
    warmed(cached_site, story.url)
    for _ in range(2):
        answer = cached_site.get(f"{story.url}?preview_token=secret-for-one-reader")
        assert answer.status == 200 and not answer.from_cache


def test_pages_listing_another_page_of_stories_are_kept_apart(cached_site):
    news_settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    news_settings.stories_per_page = 2
    news_settings.save()
    for number in range(3):
        make_article(f"Story {number} of three")
    first = warmed(cached_site, "/news/?page=1")
    other = cached_site.get("/news/?page=2")
    assert "Story 2 of three" in first.text and "Story 0 of three" not in first.text
    assert "Story 0 of three" in other.text and "Story 2 of three" not in other.text


def test_publishing_asks_the_cdn_to_drop_the_story_and_its_listings(cached_site, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "newsdesk.caching.tests.recording_backend.RecordingBackend"}
    }
    purged.clear()
    story = make_article("Harbour dues rise", category=make_category("Port"))
    cached_site.commit()
    urls = {url.removeprefix("http://localhost") for url in purged}
    assert {story.url, "/", "/category/port/", "/feed/"} <= urls


def test_admin_pages_are_never_compressed_or_kept(cached_site):
    answer = cached_site.get("/admin/login/", Accept_Encoding="br")
    assert answer.status == 200
    assert "content-encoding" not in answer.headers
    assert not cached_site.get("/admin/login/").from_cache


def test_moderating_a_comment_asks_the_cdn_to_drop_the_story(cached_site, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "newsdesk.caching.tests.recording_backend.RecordingBackend"}
    }
    story = make_article("Harbour dues rise")
    comment = Comment.objects.create(article=story, name="Pia", email="p@example.com", body="Hi")
    purged.clear()
    moderation.approve(comment)
    cached_site.commit()
    assert story.full_url in purged
