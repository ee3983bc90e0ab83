"""--dry-run prints the same report as a real run and writes nothing."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.comments.models import Comment
from newsdesk.core.models import NewsImage
from newsdesk.importers.models import WordPressObject

from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def test_a_dry_run_reports_everything_and_writes_nothing(media_dir, settings):
    pages = Page.objects.count()
    rehearsal = import_wordpress("gazette.xml", media_dir=str(media_dir), dry_run=True)
    assert Page.objects.count() == pages
    for model in (Comment, NewsImage, Redirect, WordPressObject):
        assert not model.objects.exists()
    assert not any(settings.MEDIA_ROOT.rglob("*.jpg")) if settings.MEDIA_ROOT.exists() else True
    assert "dry run: nothing was written" in rehearsal
    real = import_wordpress("gazette.xml", media_dir=str(media_dir))
    table = slice(1, 10)
    assert rehearsal.splitlines()[table] == real.splitlines()[table]
