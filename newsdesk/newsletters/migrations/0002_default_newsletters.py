from django.db import migrations

from newsdesk.newsletters import defaults


def create_defaults(apps, schema_editor):
    defaults.ensure_defaults(apps.get_model("newsletters", "Newsletter"), apps.get_model("news", "Category"))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_newsletters"),
        ("news", "0012_section_help_text"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
