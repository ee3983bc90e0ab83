"""Corrections and clarifications: added from the admin, shown to readers, never deleted."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from newsdesk.news.models import ArticlePage, Correction, NewsSettings
from newsdesk.syndication.structured_data import iso_datetime

from .builders import make_article, make_correction

pytestmark = pytest.mark.django_db


def reader_sees(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def news_article(page):
    scripts = page.find_all("script", type="application/ld+json")
    return next(d for d in map(json.loads, (s.string for s in scripts)) if "headline" in d)


def test_an_editor_adds_a_correction_from_the_story_and_readers_see_it(admin_client, admin_user):
    story = make_article("Ferry fares frozen")
    edit_page = admin_client.get(reverse("wagtailadmin_pages:edit", args=(story.pk,)))
    add = f"{reverse('corrections:add')}?article={story.pk}"
    assert f'href="{add}"' in edit_page.content.decode()

    form = {"article": story.pk, "kind": "correction", "text": "Fares rise by 5%, not 50%."}
    assert admin_client.post(add, form).status_code == 302

    note = Correction.objects.get()
    assert (note.article_id, note.created_by) == (story.pk, admin_user)
    page = reader_sees(story.url)
    flag = page.select_one(".article-header .corrections-flag a")
    assert (flag.text, flag["href"]) == ("This story has been corrected", "#corrections")
    foot = page.select_one("#corrections")
    assert "Fares rise by 5%, not 50%." in foot.text
    assert foot.select_one("time")["datetime"] == iso_datetime(note.created_at)
    article = news_article(page)
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Fares rise by 5%, not 50%.",
            "datePublished": iso_datetime(note.created_at),
        }
    ]
    # A correction is a significant change: the visible time and dateModified agree on it.
    assert article["dateModified"] == iso_datetime(note.created_at)
    assert page.select_one(".dateline .updated time")["datetime"] == article["dateModified"]


def test_only_a_story_that_has_gone_out_can_be_corrected(admin_client):
    draft = make_article("Harbour plans", publish=False)
    form = {"article": draft.pk, "kind": "correction", "text": "Too soon."}
    refused = admin_client.post(reverse("corrections:add"), form)
    assert refused.status_code == 200
    assert not Correction.objects.exists()


def test_a_clarification_flags_the_story_as_clarified(client):
    story = make_article("Ferry fares frozen")
    make_correction(story, "Fares are per crossing.", kind=Correction.Kind.CLARIFICATION)

    flag = reader_sees(story.url).select_one(".corrections-flag")
    assert flag.text.strip() == "This story has been clarified"


def test_a_withdrawn_correction_leaves_its_trace_where_it_stood(admin_client, admin_user):
    story = make_article("Ferry fares frozen")
    note = make_correction(story, "The quay is 40 m long.")

    edit = reverse("corrections:edit", args=(note.pk,))
    listing = admin_client.get(reverse("corrections:index")).content.decode()
    assert f'href="{edit}"' in listing
    withdrawing = admin_client.post(edit, {"withdraw": "on"}, follow=True)
    assert "Correction withdrawn" in withdrawing.content.decode()

    note.refresh_from_db()
    assert note.withdrawn_by == admin_user
    page = reader_sees(story.url)
    withdrawn = page.select_one(f"#correction-{note.pk}")
    day = timezone.localtime(note.withdrawn_at)
    assert f"This correction was withdrawn on {day:%-d %B %Y}." in withdrawn.text
    assert "40 m" not in page.text
    assert page.select_one(".corrections-flag") is None
    assert "correction" not in news_article(page)
    # Asking again changes nothing: the withdrawal keeps its date.
    admin_client.post(edit, {"withdraw": "on"})
    assert Correction.objects.get().withdrawn_at == note.withdrawn_at


def test_nobody_can_delete_a_correction(admin_client):
    note = make_correction(make_article("Ferry fares frozen"))

    delete = f"{reverse('corrections:index')}delete/{note.pk}/"
    assert admin_client.post(delete).status_code == 404
    listing = admin_client.get(reverse("corrections:index")).content.decode()
    assert "delete" not in listing.lower().replace("deleted", "")
    assert Correction.objects.filter(pk=note.pk).exists()


def test_the_corrections_page_lists_notes_on_readable_stories_newest_first(client):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = 4
    settings.save()
    ferry, quay = make_article("Ferry fares frozen"), make_article("Quay repairs begin")
    for number in range(1, 5):
        make_correction(ferry, f"Ferry note {number}.")
    make_correction(quay, "The quay is 40 m long.", kind=Correction.Kind.CLARIFICATION)
    hidden = make_article("Pulled story")
    make_correction(hidden, "Never shown.")
    ArticlePage.objects.filter(pk=hidden.pk).update(live=False)

    first = reader_sees("/corrections/")
    notes = first.select(".corrections-list .correction")
    assert [n.select_one(".correction-text").text for n in notes] == [
        "The quay is 40 m long.",
        "Ferry note 4.",
        "Ferry note 3.",
        "Ferry note 2.",
    ]
    headline = notes[0].select_one(".correction-story a")
    assert headline.text == "Quay repairs begin" and headline["href"].startswith(quay.url)
    assert notes[0].select_one(".correction-kind").text == "Clarification"
    second = reader_sees("/corrections/?page=2")
    assert [n.text for n in second.select(".correction-text")] == ["Ferry note 1."]
    assert "Never shown." not in first.text + second.text
    assert first.select_one('.site-footer a[href="/corrections/"]')


def test_the_corrections_feeds_carry_each_note_and_its_withdrawal(client):
    story = make_article("Ferry fares frozen")
    standing = make_correction(story, "Fares rise by 5%, not 50%.")
    withdrawn = make_correction(story, "The quay is 40 m long.", withdrawn=True)

    for path in ("/corrections/feed/", "/corrections/feed/atom/"):
        feed = feedparser.parse(client.get(path).content)
        entries = {entry.link.rsplit("#", 1)[1]: entry for entry in feed.entries}
        assert entries[f"correction-{standing.pk}"].title == "Correction: Ferry fares frozen"
        assert entries[f"correction-{standing.pk}"].summary == "Fares rise by 5%, not 50%."
        assert "was withdrawn on" in entries[f"correction-{withdrawn.pk}"].summary
        assert "40 m" not in client.get(path).content.decode()
