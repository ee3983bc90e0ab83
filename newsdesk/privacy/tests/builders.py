"""Small builders for privacy tests: commenters' comments and the users who handle requests."""

import itertools

from django.contrib.auth.models import Permission
from django.test import Client

from newsdesk.comments.models import Comment

_sequence = itertools.count(1)


def make_comment(article, email="rosa@example.com", parent=None, **fields):
    """A comment carrying everything a reader's post stores: name, website, IP, browser."""
    number = next(_sequence)
    values = {
        "name": "Rosa Quill",
        "website": "https://rosa.example.org/",
        "body": f"Comment {number} about the harbour.",
        "status": Comment.Status.APPROVED,
        "ip_address": "203.0.113.7",
        "client_network": "203.0.113.0/24",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        **fields,
    }
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        email=email,
        **values,
    )


def make_staff(django_user_model, *codenames, username="moderator"):
    """A user who may enter the Wagtail admin, plus the named comment permissions; logged in."""
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames),
    )
    client = Client()
    client.force_login(user)
    return user, client


def personal_fields(comment):
    """What erasure must change, read fresh from the database."""
    comment.refresh_from_db()
    return {
        "name": comment.name,
        "email": comment.email,
        "website": comment.website,
        "ip_address": comment.ip_address,
        "client_network": comment.client_network,
        "user_agent": comment.user_agent,
    }
