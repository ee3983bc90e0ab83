"""Site-wide answers that belong to no one app."""

from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def csrf_failure(request, reason=""):
    """The 403 for a form whose security token was missing or wrong, saying what happened."""
    return form_not_sent(request)


def form_not_sent(request):
    """The plain 403 page explaining a failed security check on a form."""
    return render(request, "403_csrf.html", status=403)


# Pictures keep their names while they exist (a replaced file gets a new one), but a
# picture taken down must leave browsers and CDNs within the hour.
MEDIA_MAX_AGE = 60 * 60


def media_file(request, name):
    """A picture or document from the media storage, streamed to the reader.

    ``newsdesk serve`` answers /media/ from the data folder itself; this view
    serves media kept elsewhere (a bucket shared by several machines), and the
    data folder in development.
    """
    try:
        stored = default_storage.open(name)
    except (FileNotFoundError, IsADirectoryError, SuspiciousOperation):
        raise Http404("No such file.") from None
    response = FileResponse(stored)
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response
