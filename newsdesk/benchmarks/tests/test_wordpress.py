"""The benchmark's generated export is one the importer reads completely."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.importers.wordpress.benchmark import write_export
from newsdesk.news.models import ArticlePage

from .conftest import import_wordpress

pytestmark = pytest.mark.django_db


def test_a_small_generated_export_imports_every_post_and_comment(tmp_path):
    export = tmp_path / "generated.xml"
    write_export(export, posts=20, comments=130)
    report = import_wordpress(export)
    assert ArticlePage.objects.count() == 20
    assert Comment.objects.count() == 130
    assert Comment.objects.filter(depth__gt=0).exists()
    assert "Warnings" not in report
