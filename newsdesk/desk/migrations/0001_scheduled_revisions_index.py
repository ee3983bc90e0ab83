"""Index the revisions approved to go live later, so the desk finds what is scheduled at once.

The dashboard's "Scheduled" panel and the story list's Scheduled view ask for
them on every visit, and Wagtail's scheduler asks once a minute; without an
index each asks reads every revision of every story. The index holds only
scheduled revisions, so it stays tiny. A model cannot declare an index on
another app's table, so this is SQL that SQLite and PostgreSQL both accept.
"""

from django.db import migrations

INDEX = "desk_revision_scheduled"


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_revision (approved_go_live_at) "
            "WHERE approved_go_live_at IS NOT NULL",
            f"DROP INDEX IF EXISTS {INDEX}",
            elidable=False,
        )
    ]
