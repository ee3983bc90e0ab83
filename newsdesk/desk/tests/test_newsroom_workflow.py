import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState
from wagtail.permissions import policy_registry

from newsdesk.desk.stories import main_story_index, newsroom_review
from newsdesk.desk.tests.builders import draft_by, make_member, submit_for_review
from newsdesk.desk.tests.pages import as_user
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db
setup = importlib.import_module("newsdesk.desk.migrations.0002_newsroom_groups_and_review")


def test_migrate_sets_up_the_newsrooms_groups_and_review_on_the_story_index():
    index = main_story_index()
    review = newsroom_review()

    groups = set(Group.objects.values_list("name", flat=True))
    assert {"Reporters", "Editors", "Moderators"} <= groups
    assert index.get_workflow() == review
    [task] = [task.specific for task in review.tasks]
    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]
    assert Page.get_first_root_node().get_workflow() == review


def test_reporters_write_and_submit_but_never_publish():
    rita = make_member("rita", "Reporters")
    story = draft_by(rita, "Harbour wall to be rebuilt")
    rights = story.permissions_for_user(rita)
    pictures = policy_registry.get_by_type(get_image_model())

    assert main_story_index().permissions_for_user(rita).can_add_subpage()
    assert rights.can_edit()
    assert rights.can_submit_for_moderation()
    assert not rights.can_publish()
    assert not rights.can_lock()
    # A reporter uploads the story's pictures and chooses them, as the chooser's Upload tab needs.
    assert pictures.user_has_permission(rita, "add")
    assert pictures.user_has_permission(rita, "choose")


def test_editors_publish_and_lock_and_moderators_only_moderate_comments():
    story = make_article()
    editor, moderator = make_member("edna", "Editors"), make_member("mo", "Moderators")

    editor_rights = story.permissions_for_user(editor)
    assert editor_rights.can_publish()
    assert editor_rights.can_lock()
    assert editor_rights.can_unlock()
    assert editor.has_perm("news.add_correction") and editor.has_perm("news.change_correction")
    assert not editor.has_perm("news.delete_correction")
    assert moderator.has_perm("comments.change_comment")
    assert not story.permissions_for_user(moderator).can_edit()
    assert not GroupPagePermission.objects.filter(group__name="Moderators").exists()
    assert not editor.has_perm("comments.change_comment")


def test_moderators_open_the_comment_queue(client):
    client.force_login(make_member("mo", "Moderators"))

    response = client.get(reverse("wagtailsnippets_comments_comment:list"))

    assert response.status_code == 200


def test_a_submitted_story_goes_live_when_an_editor_approves():
    rita, editor = make_member("rita", "Reporters"), make_member("edna", "Editors")
    story = draft_by(rita, "Ferry fares rise in spring")

    state = submit_for_review(story, rita)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific.user_can_access_editor(story, editor)
    state.current_task_state.approve(user=editor)

    story.refresh_from_db()
    assert story.live
    assert story.first_published_at is not None


def test_an_editor_sends_a_story_back_with_a_comment():
    rita, editor = make_member("rita", "Reporters"), make_member("edna", "Editors")
    story = draft_by(rita, "Bridge closes overnight")
    state = submit_for_review(story, rita)

    state.current_task_state.reject(user=editor, comment="Which bridge? Name it in the first line.")

    state.refresh_from_db()
    story.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Which bridge? Name it in the first line."
    assert not story.live


def test_running_the_setup_again_changes_nothing():
    counts = (Group.objects.count(), Workflow.objects.count(), GroupPagePermission.objects.count())

    setup.set_up_newsroom(apps, None)

    assert counts == (
        Group.objects.count(),
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
    )


def test_an_editor_can_comment_on_a_story_and_lock_it(client):
    story = make_article()

    page = as_user(client, make_member("edna", "Editors"), edit_url(story))

    assert 'data-side-panel-toggle="comments"' in page
    assert reverse("wagtailadmin_pages:lock", args=[story.pk]) in page


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])
