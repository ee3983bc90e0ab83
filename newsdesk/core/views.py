"""Site-wide answers that belong to no one app."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """The 403 for a form whose security token was missing or wrong, saying what happened.

    A view that can do better for its own form (the comment form keeps the
    reader's words) offers a ``csrf_failure`` callable on itself and is asked
    first, so this app needs to know nothing about it.
    """
    match = request.resolver_match
    handler = getattr(match.func, "csrf_failure", None) if match else None
    if handler is not None:
        return handler(request, reason, *match.args, **match.kwargs)
    return form_not_sent(request)


def form_not_sent(request):
    """The plain 403 page explaining a failed security check on a form."""
    return render(request, "403_csrf.html", status=403)
