"""A newsletter's page, a story's breaking alert, the dashboard's reminder, and the demo's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.demo import newsletters as demo_newsletters
from newsdesk.desk.tests.builders import make_member
from newsdesk.news.tests.builders import make_article
from newsdesk.newsletters.models import Delivery, Edition, Newsletter, Subscriber

from .admin_builders import briefing, edition_of, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_member("edna", "Editors")
    client.force_login(user)
    return user


def compact(response):
    return " ".join(response.content.decode().split())


def test_a_newsletters_page_counts_subscribers_by_status_and_deliveries_by_outcome(client, editor):
    readers = [reader(f"r{n}@example.org") for n in range(3)]
    reader("p@example.org", status=Subscriber.Status.PENDING)
    reader("b@example.org", status=Subscriber.Status.BOUNCING)
    sent = edition_of(briefing(), "Monday's briefing", status=Edition.Status.SENT)
    going = edition_of(briefing(), "Tuesday's briefing", status=Edition.Status.SENDING)
    for subscriber, status in zip(readers, ("sent", "sent", "bounced"), strict=True):
        Delivery.objects.create(edition=sent, subscriber=subscriber, status=status)
    for subscriber, status in zip(readers, ("sent", "queued", "queued"), strict=True):
        Delivery.objects.create(edition=going, subscriber=subscriber, status=status)

    page = compact(client.get(reverse("newsletter_admin:inspect", args=(briefing().pk,))))

    assert '<span class="nl-counts__number">3</span> Confirmed' in page
    assert '<span class="nl-counts__number">1</span> Waiting for confirmation' in page
    assert '<span class="nl-counts__number">1</span> Bouncing' in page
    assert '<span class="nl-counts__number">0</span> Unsubscribed' in page
    progress_url = reverse("editions:progress", args=(going.pk,))
    assert f'data-edition-progress="{progress_url}"' in page
    assert '<progress max="3" value="1"' in page
    assert page.count("<progress") == 1
    assert 'data-count="bounced">1<' in page
    assert "newsletters/admin/progress.js" in page


def test_the_newsletters_list_leads_to_each_newsletters_page_and_settings_save(client, editor):
    newsletter = briefing()

    listing = client.get(reverse("newsletter_admin:index")).content.decode()
    response = client.post(
        reverse("newsletter_admin:edit", args=(newsletter.pk,)),
        {
            "name": "Morning Edition",
            "slug": newsletter.slug,
            "description": "Before breakfast.",
            "sample": "",
            "is_active": "on",
            "sends_automatically": "on",
            "archive_public": "on",
        },
    )

    assert reverse("newsletter_admin:inspect", args=(newsletter.pk,)) in listing
    assert listing.index("The Daily Briefing") < listing.index("Breaking News Alerts")
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert (newsletter.name, newsletter.sends_automatically, newsletter.counts_clicks) == (
        "Morning Edition",
        True,
        False,
    )


def test_a_published_story_offers_a_breaking_alert_one_confirmation_from_sending(client, editor):
    story = make_article("Bridge closed after collision")
    draft = make_article("Unconfirmed rumour", publish=False)
    reader("alerts@example.org", newsletter=Newsletter.objects.get(kind="breaking_news"))
    alert_url = reverse("editions:breaking_alert", args=(story.pk,))

    published_editor = client.get(reverse("wagtailadmin_pages:edit", args=(story.pk,)))
    draft_editor = client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,)))
    opened = client.get(alert_url, follow=True)
    client.get(alert_url)

    assert "Send as breaking news alert" in published_editor.content.decode()
    assert "Send as breaking news alert" not in draft_editor.content.decode()
    alert = Edition.objects.get(newsletter__kind="breaking_news")
    assert (alert.subject, [s.story for s in alert.stories.all()]) == (story.title, [story])
    assert opened.redirect_chain[-1][0] == reverse("editions:send", args=(alert.pk,))
    assert (
        "Send “Bridge closed after collision” to 1 subscriber of Breaking News Alerts?"
        in compact(opened)
    )
    assert client.get(reverse("editions:breaking_alert", args=(draft.pk,))).status_code == 404


def test_a_reporter_is_not_offered_the_breaking_alert(client):
    story = make_article("Fire at the mill")
    client.force_login(make_member("rita", "Reporters"))

    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=(story.pk,)))

    assert "Send as breaking news alert" not in editor_page.content.decode()


def test_the_dashboard_lists_drafted_editions_waiting_for_an_editor(client, editor):
    edition_of(briefing(), "The Daily Briefing: Friday 4 December")
    edition_of(briefing(), "Already out", status=Edition.Status.SENT)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Newsletters waiting to be sent" in dashboard
    assert "The Daily Briefing: Friday 4 December" in dashboard
    assert "Already out" not in dashboard
    assert "The desk" in dashboard


def test_the_demo_has_readers_of_every_status_a_sent_briefing_and_a_draft():
    for n in range(8):
        make_article(f"Demo story {n}")

    demo_newsletters.ensure_newsletters()
    demo_newsletters.ensure_newsletters()

    statuses = set(Subscriber.objects.values_list("status", flat=True))
    assert statuses == set(Subscriber.Status.values)
    editions = Edition.objects.filter(newsletter=briefing())
    assert sorted(editions.values_list("status", flat=True)) == ["draft", "sent"]
    receiving = set(briefing().receiving_subscribers())
    sent = editions.get(status="sent")
    # Sent yesterday, to every reader then: nothing waits for the demo's first sender.
    assert {d.subscriber for d in sent.deliveries.filter(status="sent")} == receiving
    assert len(receiving) == 4
    assert not Delivery.objects.due().exists()


def test_a_newsletters_page_asks_the_same_few_queries_however_many_editions(
    client, editor, django_assert_max_num_queries
):
    readers = [reader(f"r{n}@example.org") for n in range(3)]
    for number in range(6):
        edition = edition_of(briefing(), f"Edition {number}", status=Edition.Status.SENT)
        edition.sent_by, edition.sent_at = editor, timezone.now()
        edition.save()
        for subscriber in readers:
            Delivery.objects.create(edition=edition, subscriber=subscriber, status="sent")
    page = reverse("newsletter_admin:inspect", args=(briefing().pk,))
    client.get(page)  # Wagtail's per-process caches

    # Eleven are Wagtail's (session, user, permissions, menu); five the page's: the
    # newsletter, subscribers by status, those receiving, the editions with who sent
    # them, and their deliveries counted. None per edition.
    with django_assert_max_num_queries(16):
        response = client.get(page)
    assert compact(response).count("· edna") == 6
