from django.db import migrations


def drop_comment_search_entries(apps, schema_editor):
    """Remove the search-index copies of comments made while Comment was indexed.

    Comment no longer is, so nothing would ever update or delete these rows:
    readers' names and words (spam included) would outlive the comments.
    """
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    IndexEntry.objects.filter(
        content_type__app_label="comments", content_type__model="comment"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(drop_comment_search_entries, migrations.RunPython.noop),
    ]
