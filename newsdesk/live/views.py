"""The readers' side of live coverage: the update check and an update's shareable address."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import get_template

from newsdesk.caching import cache_for_everyone
from newsdesk.news.cache_tags import story_tag
from newsdesk.news.models import ArticlePage

from .cache_tags import live_tag
from .models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate


def updates(request, story_id):
    """What an open live page checks for: the coverage's state and its first page of updates.

    The same for every reader, so the page cache answers it until the story's
    coverage changes (``live:<id>``).
    """
    coverage = _published_coverage(story_id)
    template = get_template("live/update.html")
    shown = list(LiveUpdate.objects.filter(story_id=story_id).for_readers()[:UPDATES_PER_PAGE])
    latest = LiveUpdate.objects.filter(story_id=story_id).visible().newest_first().first()
    answer = JsonResponse(
        {
            "story": story_id,
            "running": coverage.is_running,
            "ended_at": _iso(coverage.ended_at),
            "latest": _iso(latest.posted_at if latest else None),
            "updates": [
                {
                    "id": update.pk,
                    "html": template.render({"update": update}).strip(),
                    "pinned": update.pinned,
                    "withdrawn": update.is_withdrawn,
                }
                for update in shown
            ],
        }
    )
    # The story's own tag too: unpublished, its check must stop answering at once.
    return cache_for_everyone(answer, live_tag(story_id), story_tag(story_id))


def update(request, story_id, update_id):
    """An update's shareable address: the story's page that holds it, at the update."""
    _published_coverage(story_id)
    shared = get_object_or_404(
        LiveUpdate.objects.select_related("story"), story_id=story_id, pk=update_id
    )
    page = shared.page_number()
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{shared.story.url}{query}#update-{shared.pk}")


def _published_coverage(story_id):
    coverage = LiveCoverage.objects.filter(
        story__in=ArticlePage.objects.published(), story_id=story_id
    ).first()
    if coverage is None:
        raise Http404("No live coverage here.")
    return coverage


def _iso(moment):
    return moment.isoformat() if moment else None
