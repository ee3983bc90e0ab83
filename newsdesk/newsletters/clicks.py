"""Counting how often each link of an edition is followed, when its newsletter asks.

A counted link goes through ``/newsletters/click/<token>/``: the token is the
edition and the address, signed, so the redirect can lead nowhere else (no open
redirect), and it is the same in every reader's copy, so nothing in it says who
clicked. The count per (edition, address) is all that is kept.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Edition, LinkClick

CLICK_SALT = "newsdesk.newsletters.click"


def tracked(edition, url):
    """``url`` as it goes in ``edition``'s emails: the counter's path if its newsletter
    counts clicks, else ``url`` itself."""
    if not edition.newsletter.counts_clicks:
        return url
    token = signing.dumps([edition.pk, url], salt=CLICK_SALT, compress=True)
    return reverse("newsletters:click", kwargs={"token": token})


@never_cache
@require_safe
def follow(request, token):
    """Add one to the link's count and send the reader on to it."""
    try:
        edition_id, url = signing.loads(token, salt=CLICK_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Http404("No such link.") from error
    if request.method == "GET" and Edition.objects.filter(pk=edition_id).exists():
        counted = LinkClick.objects.filter(edition_id=edition_id, url=url)
        if not counted.update(clicks=F("clicks") + 1):
            count(edition_id, url)
    return HttpResponseRedirect(url)


def count(edition_id, url):
    """The first click on a link: make its row, or add to the one another click just made."""
    try:
        with transaction.atomic():
            LinkClick.objects.create(edition_id=edition_id, url=url, clicks=1)
    except IntegrityError:
        LinkClick.objects.filter(edition_id=edition_id, url=url).update(clicks=F("clicks") + 1)
