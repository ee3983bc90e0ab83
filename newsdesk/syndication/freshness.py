"""When something last left public view, for Last-Modified headers that see removals."""

import functools

from django.db.models import Max
from django.utils.http import http_date, parse_http_date_safe
from wagtail.models import PageLogEntry

from newsdesk.comments.models import Comment

WITHDRAWING_ACTIONS = ("wagtail.unpublish", "wagtail.delete", "wagtail.move")


def last_withdrawal():
    """The latest moment a page was unpublished, deleted or moved, or a comment moderated.

    A feed or sitemap dated by its newest item alone would keep that date when
    an older story is withdrawn, and a crawler asking "changed since?" would be
    told no while the story is still in its copy.
    """
    pages = (
        PageLogEntry.objects.filter(action__in=WITHDRAWING_ACTIONS)
        .order_by()
        .aggregate(latest=Max("timestamp"))["latest"]
    )
    comments = Comment.objects.order_by().aggregate(latest=Max("moderated_at"))["latest"]
    moments = [moment for moment in (pages, comments) if moment]
    return max(moments) if moments else None


def counting_withdrawals(view):
    """Wrap ``view`` so its Last-Modified is never earlier than :func:`last_withdrawal`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        stated = parse_http_date_safe(response.get("Last-Modified", ""))
        withdrawn = last_withdrawal()
        if stated is not None and withdrawn and withdrawn.timestamp() > stated:
            response["Last-Modified"] = http_date(withdrawn.timestamp())
        return response

    return wrapper
