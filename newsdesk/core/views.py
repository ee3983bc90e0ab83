"""Site-wide answers that belong to no one app."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """The 403 for a form whose security token was missing or wrong, saying what happened."""
    return form_not_sent(request)


def form_not_sent(request):
    """The plain 403 page explaining a failed security check on a form."""
    return render(request, "403_csrf.html", status=403)
