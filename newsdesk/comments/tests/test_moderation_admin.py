"""A moderator works the comment queue in the Wagtail admin: counts, filters, bulk, edits."""

import json
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("wagtailsnippets_comments_comment:list")
Status = Comment.Status


def make_comment(article, name="Rosa Quill", body="Sensible words.", status=Status.PENDING):
    return Comment.objects.create(
        article=article, name=name, email="rosa@example.com", body=body, status=status
    )


def make_moderator(django_user_model, *codenames):
    """A user who may enter the Wagtail admin, plus the named comment permissions."""
    user = django_user_model.objects.create_user(username="moderator", password="pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames),
    )
    client = Client()
    client.force_login(user)
    return user, client


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_names(response):
    return sorted(span.text.strip() for span in page(response).select("td.title a span"))


def menu_labels(response):
    """The labels of the sidebar's links, read from the props the sidebar is drawn from."""
    props = json.loads(page(response).select_one("#wagtail-sidebar-props").string)
    labels, stack = [], [props]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "url" in node and "label" in node:
                labels.append(node["label"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return labels


def bulk_url(action, *comments, **listing_params):
    query = [("id", comment.pk) for comment in comments] + list(listing_params.items())
    url = reverse("wagtail_bulk_action", args=["comments", "comment", action])
    return f"{url}?{urlencode(query + [('next', QUEUE_URL)])}"


def confirm_and_post(client, url):
    """What the browser does: show the confirmation page, then send its form."""
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == QUEUE_URL
    return confirmation


def test_queue_shows_how_many_comments_wait_in_each_status_with_links(admin_client):
    article = make_article()
    for status in [Status.PENDING, Status.PENDING, Status.PENDING, Status.SPAM, Status.APPROVED]:
        make_comment(article, status=status)

    counts = page(admin_client.get(QUEUE_URL)).select("a[data-status]")

    assert [(link.text.split()[0], link.select_one(".w-status").text) for link in counts] == [
        ("Pending", "3"),
        ("Approved", "1"),
        ("Spam", "1"),
        ("Trash", "0"),
        ("All", "5"),
    ]
    assert counts[0]["href"] == f"{QUEUE_URL}?status=pending"
    assert counts[-1]["href"] == f"{QUEUE_URL}?status="


def test_queue_opens_on_pending_with_its_tab_highlighted(admin_client):
    article = make_article()
    make_comment(article, name="Waiting")
    make_comment(article, name="Junk", status=Status.SPAM)

    opened = admin_client.get(QUEUE_URL)
    everything = admin_client.get(f"{QUEUE_URL}?status=")

    assert listed_names(opened) == ["Waiting"]
    assert [a["data-status"] for a in page(opened).select("a[data-status][aria-current=page]")] == [
        "pending"
    ]
    assert listed_names(everything) == ["Junk", "Waiting"]
    assert [
        a["data-status"] for a in page(everything).select("a[data-status][aria-current=page]")
    ] == [""]


def test_counts_and_status_links_keep_the_article_filter_and_search(admin_client):
    story, other = make_article(), make_article()
    make_comment(story, status=Status.PENDING, body="About the ferry timetable")
    make_comment(story, status=Status.PENDING, body="About the bridge")
    make_comment(story, status=Status.SPAM, body="About the ferry, buy now")
    make_comment(other, status=Status.PENDING, body="About the ferry elsewhere")

    url = f"{QUEUE_URL}?article={story.pk}&q=ferry"
    counts = page(admin_client.get(url)).select("a[data-status]")

    assert [link.select_one(".w-status").text for link in counts] == ["1", "0", "1", "0", "2"]
    followed = page(admin_client.get(counts[0]["href"]))
    assert "About the ferry timetable" in followed.text
    assert "About the bridge" not in followed.text
    assert "About the ferry elsewhere" not in followed.text


def test_menu_item_shows_the_pending_count_with_one_query(admin_client):
    article = make_article()
    for status in [Status.PENDING, Status.PENDING, Status.PENDING, Status.APPROVED]:
        make_comment(article, status=status)

    with CaptureQueriesContext(connection) as queries:
        labels = menu_labels(admin_client.get(reverse("wagtailadmin_home")))

    assert "Comments (3)" in labels
    counts = [sql for sql in (q["sql"] for q in queries) if "comments_comment" in sql]
    assert len(counts) == 1
    assert "COUNT" in counts[0]


def test_menu_item_reads_plainly_when_nothing_is_pending(admin_client):
    make_comment(make_article(), status=Status.APPROVED)
    labels = menu_labels(admin_client.get(reverse("wagtailadmin_home")))
    assert "Comments" in labels
    assert not any(label.startswith("Comments (") for label in labels)


def test_filtering_by_status_shows_only_that_status(admin_client):
    article = make_article()
    make_comment(article, name="Waiting")
    make_comment(article, name="Junk", status=Status.SPAM)
    make_comment(article, name="Published", status=Status.APPROVED)

    response = admin_client.get(QUEUE_URL, {"status": "spam"})
    # The results alone, as the page redraws them when a filter changes.
    redrawn = admin_client.get(
        reverse("wagtailsnippets_comments_comment:list_results"), {"status": "spam"}
    )

    assert listed_names(response) == listed_names(redrawn) == ["Junk"]
    assert page(redrawn).select_one('a[data-status="spam"]')["aria-current"] == "page"


def test_filtering_by_article_shows_only_its_comments(admin_client):
    harbour, council = make_article("Harbour reopens"), make_article("Council votes")
    make_comment(harbour, name="On the harbour")
    make_comment(council, name="On the council")

    response = admin_client.get(QUEUE_URL, {"article": harbour.pk})

    assert listed_names(response) == ["On the harbour"]


def test_search_finds_comments_by_text_and_by_name(admin_client):
    article = make_article()
    make_comment(article, name="Ola Nordmann", body="The ferry is late again.")
    make_comment(article, name="Kari", body="Buy pills at cheap-pills.example today")

    assert listed_names(admin_client.get(QUEUE_URL, {"q": "cheap-pills"})) == ["Kari"]
    assert listed_names(admin_client.get(QUEUE_URL, {"q": "nordmann"})) == ["Ola Nordmann"]


def test_queue_lists_newest_first_with_excerpt_article_status_and_reason(admin_client):
    article = make_article("Harbour reopens")
    make_comment(article, name="Older")
    newest = make_comment(article, name="Newer", body="word " * 40)
    Comment.objects.filter(pk=newest.pk).update(moderation_reason="more than 2 links")

    rows = page(admin_client.get(QUEUE_URL)).select("tbody tr")

    assert [row.select_one("td.title span").text for row in rows] == ["Newer", "Older"]
    cells = [cell.text.strip() for cell in rows[0].select("td")]
    assert "word " * 11 + "word…" in cells
    assert {"Harbour reopens", "Pending", "more than 2 links"} <= set(cells)


def test_comment_text_is_escaped_in_the_queue(admin_client):
    make_comment(make_article(), body='<script>alert("x")</script><img src=x onerror=alert(1)>')
    response = admin_client.get(QUEUE_URL)
    assert b"<script>alert" not in response.content
    assert b"<img src=x" not in response.content
    assert b"&lt;script&gt;alert" in response.content


def test_queue_costs_the_same_queries_for_one_comment_or_many(admin_client):
    article = make_article()
    make_comment(article)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(QUEUE_URL)
    for number in range(8):
        make_comment(make_article(), name=f"Reader {number}")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(QUEUE_URL)
    assert len(many) == len(one)


@pytest.mark.parametrize(
    ("action", "status_after", "question"),
    [
        ("approve", Status.APPROVED, "Approve these 2 comments?"),
        ("spam", Status.SPAM, "Mark these 2 comments as spam?"),
        ("trash", Status.TRASH, "Move these 2 comments to the trash?"),
        ("hold", Status.PENDING, "Send these 2 comments back to the pending queue?"),
    ],
)
def test_bulk_action_confirms_then_moderates_and_records_the_moderator(
    admin_client, admin_user, action, status_after, question
):
    article = make_article()
    chosen = [make_comment(article, status=Status.SPAM), make_comment(article)]
    untouched = make_comment(article, status=Status.TRASH)

    confirmation = confirm_and_post(admin_client, bulk_url(action, *chosen))

    assert question in confirmation.content.decode()
    for comment in chosen:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (status_after, admin_user)
        assert comment.moderated_at is not None
    untouched.refresh_from_db()
    assert (untouched.status, untouched.moderated_by) == (Status.TRASH, None)


def test_bulk_action_page_changes_nothing_until_its_form_is_posted(admin_client):
    comment = make_comment(make_article())
    response = admin_client.get(bulk_url("approve", comment))
    assert page(response).select_one("form")["method"] == "POST"
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_bulk_delete_removes_the_selected_comments(admin_client):
    article = make_article()
    doomed, kept = make_comment(article), make_comment(article)

    confirmation = confirm_and_post(admin_client, bulk_url("delete", doomed))

    assert "Are you sure you want to delete this comment?" in confirmation.content.decode()
    assert list(Comment.objects.all()) == [kept]


def test_select_all_in_a_filtered_queue_acts_only_on_what_the_filter_matched(admin_client):
    article = make_article()
    pending = [make_comment(article), make_comment(article)]
    spam = make_comment(article, status=Status.SPAM)

    confirm_and_post(admin_client, bulk_url("approve", status="pending") + "&id=all")

    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in pending])} == {
        Status.APPROVED
    }
    spam.refresh_from_db()
    assert spam.status == Status.SPAM


def test_select_all_then_delete_removes_only_what_the_filter_matched(admin_client):
    article = make_article()
    make_comment(article, status=Status.SPAM)
    make_comment(article, status=Status.SPAM)
    kept = make_comment(article)

    confirm_and_post(admin_client, bulk_url("delete", status="spam") + "&id=all")

    assert list(Comment.objects.all()) == [kept]


def test_editing_the_status_goes_through_moderation_and_records_the_moderator(
    admin_client, admin_user
):
    comment = make_comment(make_article(), body="Tpyo in here.")
    edit_url = reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])

    response = admin_client.post(
        edit_url,
        {"status": "approved", "name": comment.name, "website": "", "body": "Typo in here."},
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body, comment.moderated_by) == (
        Status.APPROVED,
        "Typo in here.",
        admin_user,
    )
    assert comment.moderated_at is not None


def test_editing_only_the_text_leaves_the_moderation_record_alone(admin_client):
    comment = make_comment(make_article(), status=Status.APPROVED)
    edit_url = reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])

    admin_client.post(
        edit_url, {"status": "approved", "name": "Rosa Q.", "website": "", "body": comment.body}
    )

    comment.refresh_from_db()
    assert (comment.name, comment.status, comment.moderated_by) == ("Rosa Q.", "approved", None)


def test_edit_page_shows_the_email_to_moderators(admin_client):
    comment = make_comment(make_article())
    response = admin_client.get(reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk]))
    shown = [node.text.strip() for node in page(response).select(".w-field__textoutput")]
    assert "rosa@example.com" in shown
    assert page(response).select_one('input[name="email"]') is None


def test_deleting_one_comment_from_its_page_removes_it_and_logs_who(admin_client, admin_user):
    comment = make_comment(make_article())
    delete_url = reverse("wagtailsnippets_comments_comment:delete", args=[comment.pk])

    assert admin_client.get(delete_url).status_code == 200
    response = admin_client.post(delete_url)

    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert ModelLogEntry.objects.get(action="wagtail.delete").user == admin_user


def test_comments_cannot_be_added_from_the_admin(admin_client):
    response = admin_client.get(QUEUE_URL)
    assert page(response).select_one('a[href$="/comments/comment/add/"]') is None
    assert admin_client.get(reverse("wagtailsnippets_comments_comment:add")).status_code == 302
    assert not Comment.objects.exists()


def test_staff_without_comment_permissions_see_and_change_nothing(django_user_model):
    comment = make_comment(make_article(), name="Secret Sender")
    _user, client = make_moderator(django_user_model)

    home = client.get(reverse("wagtailadmin_home"))
    queue = client.get(QUEUE_URL)
    client.post(bulk_url("approve", comment))
    client.post(bulk_url("delete", comment))

    assert not any(label.startswith("Comments") for label in menu_labels(home))
    assert queue.status_code == 302
    assert b"Secret Sender" not in client.get(queue["Location"]).content
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_moderator_with_change_permission_works_the_queue(django_user_model):
    comment = make_comment(make_article())
    user, client = make_moderator(django_user_model, "change_comment")

    assert "Comments (1)" in menu_labels(client.get(QUEUE_URL))
    confirm_and_post(client, bulk_url("approve", comment))

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Status.APPROVED, user)


def test_comment_approved_in_the_admin_is_shown_to_readers(admin_client):
    article = make_article()
    comment = make_comment(article, body="Worth the wait.")

    confirm_and_post(admin_client, bulk_url("approve", comment))

    reader_view = page(Client().get(article.url))
    assert [node.text.strip() for node in reader_view.select(".comment-text")] == [
        "Worth the wait."
    ]


def one_click(client, action, comment, next_url):
    url = reverse("wagtailsnippets_comments_comment:moderate", args=[action, comment.pk])
    return client.post(url, {"next": next_url})


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Status.APPROVED), ("spam", Status.SPAM), ("trash", Status.TRASH)],
)
def test_one_click_moderates_and_returns_to_the_filtered_queue(django_user_model, action, status):
    article = make_article()
    comment = make_comment(article)
    user, client = make_moderator(django_user_model, "change_comment")
    filtered = f"{QUEUE_URL}?status=pending&article={article.pk}&p=2"

    response = one_click(client, action, comment, filtered)

    assert response.status_code == 302
    assert response["Location"] == f"{filtered}#moderate-{comment.pk}"
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, user)


def test_every_queue_row_offers_one_click_forms_that_keep_the_filters(admin_client):
    article = make_article()
    pending = make_comment(article, name="Waiting")
    junk = make_comment(article, name="Junk", status=Status.SPAM)

    rows = page(admin_client.get(f"{QUEUE_URL}?article={article.pk}&status="))

    cell = rows.select_one(f"#moderate-{pending.pk}")
    assert [b.text for b in cell.select("button")] == ["Approve", "Spam", "Trash"]
    assert {b["data-shortcut"] for b in cell.select("button")} == {"a", "s", "t"}
    form = cell.select_one("form")
    assert form["method"] == "post"
    assert form.select_one("[name=csrfmiddlewaretoken]")
    assert form.select_one("[name=next]")["value"] == f"{QUEUE_URL}?article={article.pk}&status="
    assert [b.text for b in rows.select(f"#moderate-{junk.pk} button")] == ["Not spam", "Trash"]


def test_one_click_says_what_it_did(admin_client):
    comment = make_comment(make_article())

    response = admin_client.post(
        reverse("wagtailsnippets_comments_comment:moderate", args=["approve", comment.pk]),
        {"next": QUEUE_URL},
        follow=True,
    )

    assert "Comment approved." in page(response).select_one(".messages").text


def test_one_click_refuses_get_and_sends_a_foreign_next_to_the_queue(admin_client):
    comment = make_comment(make_article())
    url = reverse("wagtailsnippets_comments_comment:moderate", args=["approve", comment.pk])

    refused = admin_client.get(url)
    foreign = admin_client.post(url, {"next": "https://evil.example/phish"})

    assert refused.status_code == 405
    assert foreign["Location"] == f"{QUEUE_URL}#moderate-{comment.pk}"


def test_one_click_needs_the_change_permission(django_user_model):
    comment = make_comment(make_article())
    _user, client = make_moderator(django_user_model)

    one_click(client, "approve", comment, QUEUE_URL)

    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def edit_url(comment):
    return reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])


@pytest.mark.parametrize(
    ("action", "says"), [("approve", "Approved by moderator on "), ("spam", "Marked as spam by")]
)
def test_reason_shown_is_the_latest_moderation(django_user_model, action, says):
    comment = make_comment(make_article())
    Comment.objects.filter(pk=comment.pk).update(
        moderation_reason="every new comment is held for moderation"
    )
    _user, client = make_moderator(django_user_model, "change_comment")

    one_click(client, action, comment, QUEUE_URL)

    queue = page(client.get(f"{QUEUE_URL}?status="))
    edit = page(client.get(edit_url(comment)))
    assert says in queue.text
    assert "every new comment is held" not in queue.select_one("tbody").text
    assert says in edit.select_one("[data-comment-note]").text


def test_pending_comment_page_says_pending_never_live(admin_client):
    comment = make_comment(make_article())
    Comment.objects.filter(pk=comment.pk).update(
        moderation_reason="every new comment is held for moderation"
    )

    edit = page(admin_client.get(edit_url(comment)))

    status = edit.select_one("#status-sidebar-pending")
    assert status.text.strip().endswith("Pending")
    assert not edit.select("#status-sidebar-live")
    assert "every new comment is held for moderation" in edit.select_one(".w-help-text").text


def test_comment_page_shows_client_details_and_a_link_to_the_story(admin_client, settings):
    article = make_article()
    kept = make_comment(article)
    Comment.objects.filter(pk=kept.pk).update(
        ip_address="203.0.113.7", client_network="203.0.113.0/24", user_agent="Firefox/140"
    )
    cleared = make_comment(article)
    Comment.objects.filter(pk=cleared.pk).update(created_at="2020-01-01T00:00:00Z")
    settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS = 30

    shown = page(admin_client.get(edit_url(kept))).select_one(".comment-moderation-record").text
    gone = page(admin_client.get(edit_url(cleared))).select_one(".comment-moderation-record")

    assert {"203.0.113.7", "203.0.113.0/24", "Firefox/140"} <= set(shown.split())
    assert gone.text.count("removed after 30 days") == 3
    link = gone.select_one("a[data-view-in-story]")
    assert link["href"].endswith(f"{article.url}#comment-{cleared.pk}")
    assert link.text == "View in story"


def test_comment_page_one_click_posts_its_action_and_comes_back(admin_client):
    comment = make_comment(make_article())
    edit = page(admin_client.get(edit_url(comment)))
    approve = next(b for b in edit.select("[data-comment-one-click] button") if b.text == "Approve")

    response = admin_client.post(approve["formaction"])

    assert response["Location"] == f"{edit_url(comment)}#moderate-{comment.pk}"
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED


@pytest.mark.parametrize(
    ("status", "button"), [(Status.SPAM, "Empty spam (2)"), (Status.TRASH, "Empty trash (2)")]
)
def test_emptying_spam_or_trash_confirms_the_count_then_deletes_only_those(
    admin_client, status, button
):
    article = make_article()
    thrown = [make_comment(article, status=status), make_comment(article, status=status)]
    kept = make_comment(article, name="Kept")

    tab = page(admin_client.get(f"{QUEUE_URL}?status={status}"))
    link = tab.select_one("a[data-empty-link]")
    confirmation = page(admin_client.get(link["href"]))
    response = admin_client.post(link["href"], follow=True)

    assert " ".join(link.text.split()) == button
    assert "Delete the 2 comments in" in confirmation.select_one("[data-empty-question]").text
    assert Comment.objects.filter(pk__in=[c.pk for c in thrown]).count() == 0
    assert Comment.objects.filter(pk=kept.pk).exists()
    assert "2 comments deleted for good." in page(response).select_one(".messages").text


def test_emptying_never_reaches_pending_or_approved_and_needs_delete_permission(
    admin_client, django_user_model
):
    comment = make_comment(make_article(), status=Status.SPAM)
    _user, changer = make_moderator(django_user_model, "change_comment")

    pending = admin_client.post(reverse("wagtailsnippets_comments_comment:empty", args=["pending"]))
    refused = changer.post(reverse("wagtailsnippets_comments_comment:empty", args=["spam"]))

    assert pending.status_code == 404
    assert refused.status_code in (302, 403)
    assert Comment.objects.filter(pk=comment.pk).exists()


def matches_announced(response):
    """The "There are N matches" line a filtered or searched queue opens with."""
    return page(response).select_one("h2[role=alert]").text.split()[2]


@pytest.mark.engine
def test_each_tab_and_search_announces_as_many_matches_as_it_pages_through(admin_client):
    article = make_article()
    Comment.objects.bulk_create(
        Comment(article=article, name=f"Reader {n}", email="r@example.com", body="Ferry talk")
        for n in range(52)
    )
    make_comment(article, name="Junk", status=Status.SPAM, body="Buy a ferry")

    pending = admin_client.get(QUEUE_URL, {"status": "pending"})
    spam = admin_client.get(QUEUE_URL, {"status": "spam", "q": "ferry"})
    searched = admin_client.get(QUEUE_URL, {"q": "ferry", "p": "2", "status": ""})

    assert matches_announced(pending) == "52"
    assert len(listed_names(pending)) == 50
    assert matches_announced(spam) == "1"
    assert listed_names(spam) == ["Junk"]
    assert matches_announced(searched) == "53"
    assert len(listed_names(searched)) == 3


@pytest.mark.engine
def test_the_queue_counts_its_comments_once_per_page(admin_client):
    article = make_article()
    for status in Status:
        make_comment(article, status=status, body="About the ferry")

    for query in ({}, {"status": "spam"}, {"q": "ferry"}, {"article": article.pk}):
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(QUEUE_URL, query)
        counting = [
            q["sql"] for q in queries if "COUNT(" in q["sql"] and "comments_comment" in q["sql"]
        ]
        # The status counts (which the page count reuses) and the menu's pending count.
        assert len(counting) == 2, query


@pytest.mark.engine
def test_searching_a_whole_address_finds_that_commenters_comments_in_any_case(admin_client):
    article = make_article()
    make_comment(article, name="Rosa Quill")
    Comment.objects.create(article=article, name="Other", email="other@example.com", body="Hi")

    found = admin_client.get(QUEUE_URL, {"q": " Rosa@Example.COM "})

    assert listed_names(found) == ["Rosa Quill"]
    assert listed_names(admin_client.get(QUEUE_URL, {"q": "@example.com"})) == [
        "Other",
        "Rosa Quill",
    ]
