"""Give a fresh install its front page, its story index and the Uncategorized section.

Wagtail's own migrations leave a placeholder "Welcome" page as the site root; a
newsroom that runs only ``newsdesk migrate`` should get a working paper instead.
"""

from django.db import migrations


def create_front_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("news.HomePage")
    ArticleIndexPage = apps.get_model("news.ArticleIndexPage")
    Category = apps.get_model("news.Category")

    Category.objects.get_or_create(slug="uncategorized", defaults={"name": "Uncategorized"})
    placeholder = ContentType.objects.get(app_label="wagtailcore", model="page")
    top_pages = Page.objects.filter(depth=2)
    if HomePage.objects.exists() or top_pages.exclude(content_type=placeholder).exists():
        return
    welcome = top_pages.filter(numchild=0).first()
    if welcome is None:
        return

    # Turn the placeholder into the front page in place: deleting it would cascade
    # into tables of apps whose migrations may not have run yet.
    table = schema_editor.connection.ops.quote_name(HomePage._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (page_ptr_id) VALUES (%s)", [welcome.pk])  # noqa: S608
    Page.objects.filter(pk=welcome.pk).update(
        content_type=ContentType.objects.get_for_model(HomePage),
        title="Home",
        draft_title="Home",
        numchild=1,
    )
    ArticleIndexPage.objects.create(
        title="News",
        draft_title="News",
        slug="news",
        introduction="Every story, newest first.",
        content_type=ContentType.objects.get_for_model(ArticleIndexPage),
        path=welcome.path + "0001",
        depth=3,
        numchild=0,
        url_path=welcome.url_path + "news/",
        locale_id=welcome.locale_id,
    )
    Site.objects.filter(root_page_id=welcome.pk).update(site_name="The Newsdesk Chronicle")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_front_page, migrations.RunPython.noop)]
