"""What readers see of the newsletters: the list, signing up, their links, the archive.

The sign-up form sits on story and section pages that every reader shares from
the page cache, so like the comment form it has no CSRF token: cross-site posts
are refused by ``same_site_forms_only``. Pages reached through a reader's signed
link are never cached and never indexed.
"""

import logging
import smtplib
from dataclasses import replace

from csp.decorators import csp_update
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.comments.clients import client_ip, client_network
from newsdesk.core.context_processors import site_identity
from newsdesk.core.origin import same_site_forms_only

from . import subscribing, tokens
from .emails import absolute, render_edition, story_items
from .feeds import sent_editions
from .forms import HONEYPOT_FIELD, PreferencesForm, SignUpForm, sign_up_form
from .models import Newsletter
from .notices import send_sign_up_email

logger = logging.getLogger(__name__)

EDITIONS_PER_PAGE = 20


def _client(request, page=""):
    ip = client_ip(request)
    return subscribing.Client(ip=ip, network=client_network(ip), page=page)


def _personal(response):
    """A page for one reader's link: kept by nobody, and never sending its address onward."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def index(request):
    """``/newsletters/``: every newsletter offered, what it is like, and the sign-up form."""
    context = {
        "newsletters": Newsletter.objects.offered(),
        "signup_form": sign_up_form(request.path),
        "honeypot": HONEYPOT_FIELD,
    }
    return render(request, "newsletters/index.html", context)


def _form_again(request, form, status, message=None):
    """The sign-up form on its own page, with what the reader typed and what to fix."""
    if message:
        form.add_error(None, message)
    context = {
        "signup_form": form,
        "honeypot": HONEYPOT_FIELD,
        "page_reports_error": True,
        "robots_noindex": True,
    }
    return render(request, "newsletters/sign_up_page.html", context, status=status)


def _check_your_inbox(request, email):
    # The same page whatever became of the address: new, pending, already
    # subscribed, mailed within the hour, or a bot's; it never tells them apart.
    context = {"email": email, "robots_noindex": True}
    return render(request, "newsletters/check_inbox.html", context)


def _mail(request, sign_up):
    """Send the sign-up's email, if any; ``False`` if the mail server would not take it."""
    if not sign_up.mail:
        return True
    try:
        send_sign_up_email(request, sign_up, site_identity(request)["site_name"])
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the newsletter sign-up email")
        subscribing.forget_mailing(sign_up.subscriber)
        return False
    return True


@same_site_forms_only
@require_http_methods(["GET", "POST"])
def sign_up(request):
    """Take a sign-up: ask the address's owner to confirm, and say "Check your inbox"."""
    if request.method == "GET":
        return redirect("newsletters:index")
    form = SignUpForm(request.POST)
    if request.POST.get(HONEYPOT_FIELD):
        # A bot filled the field no reader sees: it gets the usual answer and nothing else.
        return _check_your_inbox(request, request.POST.get("email", ""))
    if not form.is_valid():
        return _form_again(request, form, 400)
    client = _client(request, form.cleaned_data["page"])
    if wait := subscribing.retry_after_seconds(client.network):
        message = _(
            "Many sign-ups came from your network just now. Please wait %(minutes)s minutes "
            "and send the form again."
        ) % {"minutes": max(1, round(wait / 60))}
        response = _form_again(request, form, 429, message)
        response["Retry-After"] = str(wait)
        return response
    data = form.cleaned_data
    signed_up = subscribing.sign_up(data["email"], data["newsletters"], client)
    if not _mail(request, signed_up):
        message = _(
            "We could not send the confirmation email just now. Please try again in a few minutes."
        )
        return _form_again(request, form, 503, message)
    return _check_your_inbox(request, data["email"])


def _bad_link(request, error, token=""):
    """An expired link offers a new one; an altered or obsolete one says it is not valid."""
    status = 410 if error.expired else 400
    context = {"expired": error.expired, "token": token, "robots_noindex": True}
    return _personal(render(request, "newsletters/bad_link.html", context, status=status))


@never_cache
@same_site_forms_only
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A confirmation link: a button to press, then the reader receives what they chose.

    Confirming takes a press, never the link's opening alone: mail filters open
    every link in an email, and would otherwise confirm addresses typed by anyone.
    """
    try:
        subscriber, newsletter_ids = tokens.read_confirmation(token)
    except tokens.BadLink as error:
        return _bad_link(request, error, token)
    newsletters = Newsletter.objects.offered().filter(pk__in=newsletter_ids)
    context = {"newsletters": newsletters, "email": subscriber.email, "robots_noindex": True}
    if request.method == "POST":
        subscriber = subscribing.confirm(subscriber, newsletter_ids, client_ip(request))
        context["preferences_token"] = tokens.preferences_token(subscriber)
        context["confirmed"] = True
    return _personal(render(request, "newsletters/confirm.html", context))


@never_cache
@same_site_forms_only
@require_POST
def send_new_link(request, token):
    """From an expired confirmation link: send a fresh one to the same address."""
    try:
        subscriber, newsletter_ids = tokens.read_confirmation(token, max_age=None)
    except tokens.BadLink as error:
        return _bad_link(request, error)
    newsletters = Newsletter.objects.offered().filter(pk__in=newsletter_ids)
    client = _client(request, subscriber.signed_up_from)
    signed_up = subscribing.sign_up(subscriber.email, newsletters, client)
    if not _mail(request, signed_up):
        return _bad_link(request, tokens.BadLink(expired=True), token)
    return _personal(_check_your_inbox(request, subscriber.email))


def _subscriber_from(token):
    try:
        return tokens.read_preferences(token), None
    except tokens.BadLink as error:
        return None, error


@never_cache
@same_site_forms_only
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """A subscriber's own page: which newsletters they receive, and unsubscribe from all."""
    subscriber, error = _subscriber_from(token)
    if error:
        return _bad_link(request, error)
    saved = ""
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if "unsubscribe" in request.POST:
            subscriber = subscribing.unsubscribe(subscriber)
            saved = "unsubscribed"
        elif form.is_valid():
            chosen = [newsletter.pk for newsletter in form.cleaned_data["newsletters"]]
            subscriber = subscribing.change_preferences(subscriber, chosen, client_ip(request))
            saved = "saved" if chosen else "unsubscribed"
        else:
            context = {"form": form, "subscriber": subscriber, "page_reports_error": True}
            return _personal(render(request, "newsletters/preferences.html", context, status=400))
    form = PreferencesForm(initial={"newsletters": sorted(subscribing.receives(subscriber))})
    context = {"form": form, "subscriber": subscriber, "saved": saved, "robots_noindex": True}
    return _personal(render(request, "newsletters/preferences.html", context))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe (RFC 8058): a POST unsubscribes at once; a GET only asks.

    Mail providers post ``List-Unsubscribe=One-Click`` with no cookie and no
    Origin, so this is the one form exempt from the same-origin check: the
    signed link is the proof, and all a forged post could do is unsubscribe
    the link's own owner. A GET never unsubscribes, since link scanners open
    every link in an email.
    """
    subscriber, error = _subscriber_from(token)
    if error:
        return _bad_link(request, error)
    context = {
        "subscriber": subscriber,
        "preferences_token": token,
        "robots_noindex": True,
        "unsubscribed": request.method == "POST",
    }
    if request.method == "POST":
        subscriber = subscribing.unsubscribe(subscriber)
    return _personal(render(request, "newsletters/unsubscribe.html", context))


def archive_newsletter(slug):
    """The newsletter at ``slug`` if its archive is public; 404 otherwise."""
    return get_object_or_404(Newsletter, slug=slug, archive_public=True)


def archive(request, slug):
    """A newsletter's sent editions, newest first, twenty a page."""
    newsletter = archive_newsletter(slug)
    paginator = Paginator(sent_editions(newsletter), EDITIONS_PER_PAGE)
    editions = paginator.get_page(request.GET.get("page"))
    context = {"newsletter": newsletter, "editions": editions}
    return render(request, "newsletters/archive.html", context)


def _sent_edition(slug, pk):
    found = sent_editions(archive_newsletter(slug)).filter(pk=pk).first()
    if found is None:
        raise Http404("No such edition.")
    return found


def _on_this_site(url):
    """``url`` as a path when it is on the paper's public address: the email's links are
    absolute, and the web copy must also work at any other address the site answers."""
    base = absolute("/")
    return url.removeprefix(base.rstrip("/")) if url.startswith(base) else url


def edition(request, slug, pk):
    """The web copy of one sent edition, on a page of the site: the stories as emailed."""
    found = _sent_edition(slug, pk)
    stories = [
        replace(item, url=_on_this_site(item.url), picture_url=_on_this_site(item.picture_url))
        for item in story_items(found)
    ]
    context = {"newsletter": found.newsletter, "edition": found, "stories": stories}
    return render(request, "newsletters/edition.html", context)


# The email's HTML is styled inline, as mail programs need; no script runs in it.
@csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["https:", "http:"]})
def edition_as_emailed(request, slug, pk):
    """The edition exactly as its email looked, with no reader's personal links."""
    return HttpResponse(render_edition(_sent_edition(slug, pk)).html)
