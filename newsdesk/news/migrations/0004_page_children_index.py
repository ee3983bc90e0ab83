"""Index the pages editors put in menus, so the footer need not read every story to find them.

Wagtail finds a page's children as the pages one level deeper whose path starts
with its own. For the front page's menu pages, shown in every page's footer, the
path index alone read all 100,000 stories of a big paper (40 ms, on every page).
The index holds only pages marked "Show in menus", so it stays tiny and no other
lookup by depth and path (a child by its slug, say) is steered away from a
better index. A model cannot declare an index on another app's table, so this
is SQL that SQLite and PostgreSQL both accept.
"""

from django.db import migrations

INDEX = "news_page_menu_children"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_one_byline_per_author"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path) "
            "WHERE show_in_menus",
            f"DROP INDEX IF EXISTS {INDEX}",
            elidable=False,
        )
    ]
