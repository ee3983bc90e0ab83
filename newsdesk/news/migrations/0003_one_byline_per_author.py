"""List each author once per story, and let the database keep it that way.

A story that named an author twice keeps the first of those bylines in the
editor's order, so its byline reads as before without the repeat.
"""

from django.db import migrations, models


def drop_repeated_bylines(apps, schema_editor):
    ArticleAuthor = apps.get_model("news", "ArticleAuthor")
    seen, repeats = set(), []
    bylines = ArticleAuthor.objects.order_by("article_id", "sort_order", "pk")
    for pk, article_id, author_id in bylines.values_list("pk", "article_id", "author_id"):
        if (article_id, author_id) in seen:
            repeats.append(pk)
        seen.add((article_id, author_id))
    ArticleAuthor.objects.filter(pk__in=repeats).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_front_page_and_uncategorized"),
    ]

    operations = [
        migrations.RunPython(drop_repeated_bylines, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="articleauthor",
            constraint=models.UniqueConstraint(
                fields=("article", "author"), name="news_one_byline_per_author"
            ),
        ),
    ]
