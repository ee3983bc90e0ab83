"""axe-core finds no accessibility violations on imported classic and block-editor stories."""

import pytest

from newsdesk.conftest_browser import axe_violations, describe_violations
from newsdesk.news.models import ArticlePage

from .conftest import import_wordpress
from .test_content_pages import stories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_imported_stories_have_no_violations(open_page, tmp_path, media_dir):
    import_wordpress(stories(tmp_path), media_dir=str(media_dir))
    for story in ArticlePage.objects.order_by("pk"):
        violations = axe_violations(open_page(story.url))
        assert violations == [], f"{story.title}: axe-core found:\n" + describe_violations(
            violations
        )
