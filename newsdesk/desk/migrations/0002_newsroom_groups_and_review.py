"""Set up the newsroom's people and its review: Reporters, Editors, Moderators, "Newsroom review".

- **Reporters** write stories and submit them for review: they add stories under
  the story index and edit their own, upload pictures and add reporters to bylines,
  but never publish.
- **Editors** review and publish: they edit and publish every page, lock and unlock
  pages, keep the sections and reporters, and add and withdraw corrections.
- **Moderators** moderate readers' comments. Wagtail's own "Moderators" group
  published pages; here the name means the comment queue, so its page rights go.
- **Newsroom review**: one task, approval by an Editor, on every story index and on
  the site's root in place of Wagtail's default "Moderators approval". A reporter
  submits; an editor approves (publishing the story) or sends it back with a comment.

Running it again changes nothing; reversing it leaves the groups and workflow in place.
Permissions are created here if Django has not made them yet (it does so only after
every migration has run), so a fresh database gets them in the same ``migrate``.
"""

from django.db import migrations

REVIEW_WORKFLOW = "Newsroom review"
REVIEW_TASK = "Editors' approval"
DEFAULT_WAGTAIL_WORKFLOW = "Moderators approval"

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
MODEL_PERMISSIONS = {
    "Reporters": [ADMIN_ACCESS, ("news", "author", "add_author", "Can add author")],
    "Editors": [
        ADMIN_ACCESS,
        *(
            ("news", model, f"{action}_{model}", f"Can {action} {model}")
            for model in ("author", "category")
            for action in ("add", "change", "delete", "view")
        ),
        # Corrections are added and withdrawn, never deleted.
        *(
            ("news", "correction", f"{action}_correction", f"Can {action} correction")
            for action in ("add", "change", "view")
        ),
    ],
    "Moderators": [
        ADMIN_ACCESS,
        *(
            ("comments", "comment", f"{action}_comment", f"Can {action} comment")
            for action in ("change", "delete", "view")
        ),
    ],
}
# Page rights: on each story index for Reporters, on the whole site for Editors.
REPORTER_PAGE_RIGHTS = ["add"]
EDITOR_PAGE_RIGHTS = ["add", "change", "publish", "lock", "unlock"]
PICTURE_RIGHTS = {"Reporters": ["add", "choose"], "Editors": ["add", "change", "delete", "choose"]}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _give_page_rights(apps, group, page, rights):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for right in rights:
        permission = _permission(apps, "wagtailcore", "page", f"{right}_page", right.title())
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _give_picture_rights(apps, group, rights):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for right in rights:
        # Wagtail asks for its own image permissions, whatever the image model.
        permission = _permission(
            apps, "wagtailimages", "image", f"{right}_image", f"Can {right} image"
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def _review_workflow(apps, editors):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=REVIEW_TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(editors)
    workflow, _created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def set_up_newsroom(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ArticleIndexPage = apps.get_model("news", "ArticleIndexPage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, permissions in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(_permission(apps, *wanted) for wanted in permissions))
    for name, rights in PICTURE_RIGHTS.items():
        _give_picture_rights(apps, groups[name], rights)
    GroupPagePermission.objects.filter(group=groups["Moderators"]).delete()

    story_indexes = list(ArticleIndexPage.objects.order_by("path"))
    for index in story_indexes:
        _give_page_rights(apps, groups["Reporters"], index, REPORTER_PAGE_RIGHTS)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        _give_page_rights(apps, groups["Editors"], root, EDITOR_PAGE_RIGHTS)

    workflow = _review_workflow(apps, groups["Editors"])
    for index in story_indexes:
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
    if root is not None:
        WorkflowPage.objects.filter(
            page_id=root.pk, workflow__name=DEFAULT_WAGTAIL_WORKFLOW
        ).update(workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_scheduled_revisions_index"),
        ("news", "0006_alter_articlepage_body"),
        ("comments", "0007_folded_email_index"),
        ("core", "0004_alter_standardpage_body"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        # Wagtail's own image permissions exist and were copied to collections first.
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(set_up_newsroom, migrations.RunPython.noop)]
