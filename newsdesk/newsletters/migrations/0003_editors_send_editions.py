"""Editors run the newsletters: they edit them, compose editions, and send them.

Sending is its own permission (``newsletters.send_edition``), so a newsroom can
let someone compose and preview an edition without letting them mail every
subscriber. Reporters get nothing here. Permissions are created if Django has
not made them yet, as in ``desk/0002``; running it again changes nothing.
"""

from django.db import migrations

EDITOR_RIGHTS = [
    *(("newsletter", f"{action}_newsletter") for action in ("add", "change", "view")),
    *(("edition", f"{action}_edition") for action in ("add", "change", "delete", "view")),
    ("edition", "send_edition"),
    ("subscriber", "view_subscriber"),
]


def give_editors_the_newsletters(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model, codename in EDITOR_RIGHTS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="newsletters", model=model
        )
        action = codename.split("_", 1)[0]
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} {model}"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0002_default_newsletters"),
        ("desk", "0002_newsroom_groups_and_review"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="edition",
            options={
                "ordering": ["-created_at", "-pk"],
                "permissions": [("send_edition", "Can send editions to subscribers")],
                "verbose_name": "edition",
            },
        ),
        migrations.RunPython(give_editors_the_newsletters, migrations.RunPython.noop),
    ]
