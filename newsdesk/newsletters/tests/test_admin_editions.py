"""The newsroom composes an edition, previews it, tests it, and sends it to its subscribers."""

import pytest
from django.urls import reverse

from newsdesk.desk.tests.builders import make_member
from newsdesk.news.tests.builders import make_article, make_image
from newsdesk.newsletters.models import (
    Delivery,
    Edition,
    Subscriber,
    Subscription,
    Suppression,
)

from .admin_builders import briefing, composer_form, edition_of, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_member("edna", "Editors")
    client.force_login(user)
    return user


def test_the_composer_fills_in_each_chosen_storys_headline_standfirst_picture_and_link(
    client, editor
):
    ferry = make_article(
        "Ferry timetable changes", standfirst="Earlier sailings from May.", hero_image=make_image()
    )
    bridge = make_article("Bridge reopens", standfirst="Two lanes again by Friday.")

    response = client.post(
        reverse("editions:add") + f"?newsletter={briefing().pk}",
        composer_form(briefing(), "Wednesday's briefing", [ferry, bridge], intro="Good morning."),
    )

    edition = Edition.objects.get(subject="Wednesday's briefing")
    assert response["Location"] == reverse("editions:preview", args=(edition.pk,))
    assert [s.story for s in edition.stories.all()] == [ferry, bridge]
    assert edition.created_by == editor
    composer = client.get(reverse("editions:edit", args=(edition.pk,))).content.decode()
    for shown in ("Earlier sailings from May.", "Two lanes again by Friday.", ferry.full_url):
        assert shown in composer
    assert 'class="nl-card__picture"' in composer


def test_the_composer_refuses_a_story_readers_cannot_open(client, editor):
    draft = make_article("Budget leak", publish=False)

    response = client.post(
        reverse("editions:add"), composer_form(briefing(), "Thursday's briefing", [draft])
    )

    assert response.status_code == 200
    assert "“Budget leak” is not published" in response.content.decode()
    assert not Edition.objects.filter(subject="Thursday's briefing").exists()


def test_the_story_chooser_offers_published_stories_only(client, editor):
    make_article("Harbour fees frozen")
    make_article("Unfinished draft", publish=False)
    chooser = reverse("wagtailadmin_choose_page")
    story_index = make_article("Anchor").get_parent()

    listed = client.get(
        reverse("wagtailadmin_choose_page_child", args=(story_index.pk,)),
        {"page_type": "news.articlepage", "user_perms": "newsletter_story"},
    ).json()["html"]
    everything = client.get(
        reverse("wagtailadmin_choose_page_child", args=(story_index.pk,)),
        {"page_type": "news.articlepage"},
    ).json()["html"]

    assert chooser
    assert "Harbour fees frozen" in listed and "Unfinished draft" not in listed
    assert "Unfinished draft" in everything


def test_the_preview_shows_the_email_as_html_at_phone_and_desktop_width_and_as_text(client, editor):
    story = make_article("Library opens late", standfirst="Until nine on Thursdays.")
    edition = edition_of(briefing(), stories=[story], intro="Good morning from the desk.")

    page = client.get(reverse("editions:preview", args=(edition.pk,))).content.decode()
    email = client.get(reverse("editions:preview_email", args=(edition.pk,)))

    email_url = reverse("editions:preview_email", args=(edition.pk,))
    assert page.count(f'src="{email_url}"') == 2
    assert "nl-preview__iframe--390" in page and "nl-preview__iframe--1000" in page
    assert "Until nine on Thursdays." in page  # the plain-text part, shown as text
    assert "Library opens late" in email.content.decode()
    assert email["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in email["Content-Security-Policy"]
    assert client.get(reverse("editions:index"))["X-Frame-Options"] == "DENY"


def test_a_test_send_reaches_the_mail_server_at_the_editors_own_address(
    client, editor, smtp_server
):
    edition = edition_of(briefing(), stories=[make_article("Tide tables for June")])
    preview = reverse("editions:preview", args=(edition.pk,))

    assert f'value="{editor.email}"' in client.get(preview).content.decode()
    response = client.post(preview, {"address": "desk@example.org"}, follow=True)

    [received] = smtp_server.messages_to("desk@example.org")
    assert "Tide tables for June" in received.part("text/html")
    assert "Test sent to desk@example.org." in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DRAFT


def test_send_now_names_the_newsletter_and_its_subscribers_then_queues_exactly_them(client, editor):
    confirmed = [reader(f"reader{n}@example.org") for n in range(3)]
    reader("waiting@example.org", status=Subscriber.Status.PENDING)
    reader("gone@example.org")
    Suppression.add("gone@example.org", Suppression.Reason.UNSUBSCRIBED)
    edition = edition_of(briefing(), "Storm warning", stories=[make_article("Gales due")])
    send = reverse("editions:send", args=(edition.pk,))

    confirmation = " ".join(client.get(send).content.decode().split())
    response = client.post(send)

    assert "Send “Storm warning” to 3 subscribers of The Daily Briefing?" in confirmation
    assert response["Location"] == reverse("newsletter_admin:inspect", args=(briefing().pk,))
    queued = Delivery.objects.filter(edition=edition)
    assert {d.subscriber for d in queued} == set(confirmed)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING
    # What went out stays as it went: the composer now shows the preview instead.
    composer = client.get(reverse("editions:edit", args=(edition.pk,)))
    assert composer["Location"] == reverse("editions:preview", args=(edition.pk,))


def test_a_big_audience_is_counted_with_thousands_separated(client, editor):
    readers = Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", address_hash=f"{n:064d}", status="confirmed")
        for n in range(1234)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=subscriber, newsletter=briefing()) for subscriber in readers
    )
    edition = edition_of(briefing(), "Big day")

    page = " ".join(
        client.get(reverse("editions:send", args=(edition.pk,))).content.decode().split()
    )

    assert "Send “Big day” to 1,234 subscribers of The Daily Briefing?" in page


def test_scheduling_asks_for_a_future_time_and_keeps_the_edition_waiting(client, editor):
    edition = edition_of(briefing(), "Weekend read")
    schedule = reverse("editions:schedule", args=(edition.pk,))

    refused = client.post(schedule, {"send_at": "2001-01-01 07:00"})
    accepted = client.post(schedule, {"send_at": "2099-06-01 07:00"})

    assert "Choose a time in the future." in refused.content.decode()
    assert accepted.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert edition.scheduled_for.year == 2099
    assert not edition.deliveries.exists()


def test_a_reporter_can_neither_open_nor_send_an_edition(client):
    reader("reader@example.org")
    edition = edition_of(briefing(), "Not for reporters")
    client.force_login(make_member("rita", "Reporters"))

    for name in ("send", "preview", "progress"):
        assert client.get(reverse(f"editions:{name}", args=(edition.pk,))).status_code in (
            302,
            403,
        )
    client.post(reverse("editions:send", args=(edition.pk,)))

    assert not Delivery.objects.exists()
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DRAFT


def test_only_the_send_permission_lets_an_editor_send(client):
    editor = make_member("cleo", "Editors")
    editor.groups.first().permissions.remove(
        *editor.groups.first().permissions.filter(codename="send_edition")
    )
    client.force_login(editor)
    edition = edition_of(briefing(), "Composed, not sent")

    reader("reader@example.org")

    assert client.get(reverse("editions:preview", args=(edition.pk,))).status_code == 200
    assert (
        "Send now"
        not in client.get(reverse("editions:preview", args=(edition.pk,))).content.decode()
    )
    client.post(reverse("editions:send", args=(edition.pk,)))

    assert not Delivery.objects.exists()


def test_the_progress_of_an_edition_being_sent_is_json(client, editor):
    first, second = reader("a@example.org"), reader("b@example.org")
    edition = edition_of(briefing(), "Halfway", status=Edition.Status.SENDING)
    Delivery.objects.create(edition=edition, subscriber=first, status=Delivery.Status.SENT)
    Delivery.objects.create(edition=edition, subscriber=second)

    progress = client.get(reverse("editions:progress", args=(edition.pk,))).json()

    assert progress["sent"] == 1 and progress["queued"] == 1 and progress["total"] == 2
    assert (progress["status"], progress["done"], progress["percent"]) == ("sending", 1, 50)
