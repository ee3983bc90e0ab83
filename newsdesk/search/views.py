"""The search page."""

from django.template.response import TemplateResponse

from newsdesk.news.models import ArticlePage, NewsSettings

from .forms import SearchForm
from .query import results_page, search_stories

LATEST_SUGGESTIONS = 4


def search(request):
    """The search form, and for a query, one page of matching stories.

    Search pages are never indexed: they would only repeat the stories under
    endless addresses.
    """
    form = SearchForm(request.GET)
    context = {"form": form, "robots_noindex": True}
    if form.is_valid():
        arguments = form.search_arguments()
        results = search_stories(**arguments)
        context["newest_first"] = arguments["newest_first"]
        if results.terms:
            per_page = NewsSettings.for_request(request).stories_per_page
            stories = results_page(results, request.GET.get("page"), per_page)
            context.update(stories=stories, terms=results.terms)
            if not stories.paginator.count:
                latest = ArticlePage.objects.published().for_listing()
                context["latest"] = latest[:LATEST_SUGGESTIONS]
    return TemplateResponse(request, "newsdesk_search/results.html", context)
