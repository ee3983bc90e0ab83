"""Reporters and Editors post, edit, withdraw and pin live updates on every live story.

Making a story live and ending it need the right to publish it, which Editors have.
Permissions are created here if Django has not made them yet (it does so only after
every migration has run), so a fresh database gets them in the same ``migrate``.
"""

from django.db import migrations

DESK_GROUPS = ["Reporters", "Editors"]
RIGHTS = [("add_liveupdate", "Can add live update"), ("change_liveupdate", "Can change live update")]


def give_desk_rights(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="live", model="liveupdate")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in RIGHTS
    ]
    for group in Group.objects.filter(name__in=DESK_GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_live_coverage_and_updates"),
        ("desk", "0002_newsroom_groups_and_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(give_desk_rights, migrations.RunPython.noop)]
