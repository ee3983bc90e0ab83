"""The demo's newsroom at work: its reporter and editor sign in to a desk with work on it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from newsdesk.demo.desk import IN_REVIEW, SCHEDULED
from newsdesk.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def logins(output):
    found = re.findall(r"\((\w+)\): \S+  username: (\S+)\s+password: (\S+)", output)
    return {group: (username, password) for group, username, password in found}


def test_the_demo_editor_finds_a_story_in_review_and_one_scheduled():
    output = StringIO()
    call_command("demo", "--articles", "1", stdout=output)
    people = logins(output.getvalue())
    editor = Client()

    assert set(people) == {"admin", "Reporters", "Editors"}
    assert editor.login(username=people["Editors"][0], password=people["Editors"][1])
    desk = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert IN_REVIEW.headline in desk
    assert SCHEDULED.headline in desk
    assert not ArticlePage.objects.get(slug=SCHEDULED.slug).live
    assert Client().login(username=people["Reporters"][0], password=people["Reporters"][1])
