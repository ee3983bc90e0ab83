"""The benchmark's generated export is one the importer reads completely."""

from io import StringIO

import pytest
from django.core.management import call_command

from newsdesk.benchmarks.wordpress import write_export
from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_a_small_generated_export_imports_every_post_and_comment(tmp_path):
    export = tmp_path / "generated.xml"
    write_export(export, posts=20, comments=130)
    report = StringIO()
    call_command("import_wordpress", str(export), stdout=report)
    assert ArticlePage.objects.count() == 20
    assert Comment.objects.count() == 130
    assert Comment.objects.filter(depth__gt=0).exists()
    assert "Warnings" not in report.getvalue()
