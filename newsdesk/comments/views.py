"""Receiving a reader's comment."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.core.origin import same_site_forms_only
from newsdesk.news.models import ArticlePage

from .clients import client_ip, client_network
from .forms import HONEYPOT_FIELD, CommentForm, form_address
from .guards import RateLimited, is_duplicate, retry_after_seconds
from .models import CommentSettings
from .posting import (
    comment_sent_with,
    comments_are_open,
    decide_status,
    submit_comment,
)
from .tokens import (
    FormToken,
    read_form_token,
    reissue_form_token,
    remember_comment,
)


@dataclass(frozen=True)
class Client:
    """Who sent the form, as far as our own proxies let us tell."""

    ip: str | None
    network: str
    user_agent: str


def _client(request):
    ip = client_ip(request)
    return Client(
        ip=ip, network=client_network(ip), user_agent=request.headers.get("User-Agent", "")
    )


@dataclass(frozen=True)
class Attempt:
    """One sending of the form: what came in, and how to hand it back with nothing lost."""

    request: HttpRequest
    article: ArticlePage
    form: CommentForm
    token: FormToken | None
    comment_settings: CommentSettings
    client: Client

    def earlier_send(self):
        """The comment this same form and these same words already created, if any."""
        post = self.request.POST
        return comment_sent_with(self.token, post.get("email", ""), post.get("comment", ""))

    def refuse(self, status, message=None, field=None):
        """Show the article again with the reader's words, and ``message`` beside them."""
        if message:
            self.form.add_error(field, message)
        response = self.article.serve(
            self.request, comment_form=self.form, comment_form_token=self.token_to_hand_back()
        )
        response.status_code = status
        return response

    def ask_to_wait(self, seconds):
        """Hand back the form alone, asking the reader to wait ``seconds`` and send it again.

        A flood brings refusals by the thousand: each costs this small page, with
        the reader's words and a link back to the story, rather than a whole
        article render with its thread of comments.
        """
        message = _(
            "You are commenting too quickly. Please wait %(seconds)s seconds and send again."
        ) % {"seconds": seconds}
        self.form.add_error(None, message)
        context = {
            "article": self.article,
            "comment_form": self.form,
            "comment_form_action": form_address(self.article),
            "comment_form_token": self.token_to_hand_back(),
            "comment_honeypot": HONEYPOT_FIELD,
            "comment_reply_to": self.form.cleaned_data.get("reply_to"),
            # Only a form sent to a story open for comments gets this far.
            "comments_open": True,
            "page_reports_error": True,
            "robots_noindex": True,
        }
        response = render(self.request, "comments/wait.html", context, status=429)
        response["Retry-After"] = str(seconds)
        return response

    def token_to_hand_back(self):
        """The form's own token, or a fresh one if it is stale or forged.

        Either way the reader's next Send can succeed.
        """
        reusable = self.token and not self.token.is_stale()
        return self.request.POST["form_token"] if reusable else reissue_form_token()


def _closed(attempt):
    if comments_are_open(attempt.article, attempt.comment_settings):
        return None
    return attempt.refuse(403, _("Comments are closed on this story."))


def _invalid(attempt):
    return None if attempt.form.is_valid() else attempt.refuse(400)


def _stale(attempt):
    if attempt.token is not None and not attempt.token.is_stale():
        return None
    return attempt.refuse(
        400,
        _(
            "This form was open for a long time, so we could not accept it as it was. "
            "Your comment is still below: please check it and send it again."
        ),
    )


def _too_quick(attempt):
    wait = retry_after_seconds(attempt.client.network)
    return attempt.ask_to_wait(wait) if wait else None


def _duplicate(attempt):
    data = attempt.form.cleaned_data
    if not is_duplicate(attempt.article, data["email"], data["comment"]):
        return None
    # A resend that overtook its first send: that one has committed since we looked.
    if earlier := attempt.earlier_send():
        return _resent(attempt, earlier)
    message = _("You have already posted this comment on this story.")
    return attempt.refuse(409, message, field="comment")


# In this order: the story's state first, then the form, then the reader. Each
# check may rely on the ones before it (the duplicate check needs valid data).
CHECKS = (_closed, _invalid, _stale, _too_quick, _duplicate)


def _resent(attempt, earlier):
    """Back to ``earlier``: the same form with the same email and words was sent before.

    A double-click, a retry after a lost answer or the back button; the reader
    lands on their comment rather than being told it is a duplicate.
    """
    return _after_posting(attempt.request, earlier)


def _after_posting(request, comment):
    response = redirect(comment.get_absolute_url())
    remember_comment(request, response, comment)
    return response


def _attempt(request, article_id):
    article = get_object_or_404(ArticlePage.objects.published(), pk=article_id)
    comment_settings = CommentSettings.for_request(request)
    form = CommentForm(request.POST, article=article, max_depth=comment_settings.max_depth)
    token = read_form_token(request.POST.get("form_token"))
    return Attempt(request, article, form, token, comment_settings, _client(request))


@same_site_forms_only
@require_POST
def post_comment(request, article_id):
    """Validate and store a comment, or show the form again with nothing lost."""
    attempt = _attempt(request, article_id)
    if earlier := attempt.earlier_send():
        return _resent(attempt, earlier)
    for check in CHECKS:
        if (refusal := check(attempt)) is not None:
            return refusal

    data = attempt.form.cleaned_data
    honeypot = request.POST.get(HONEYPOT_FIELD, "")
    status, reason = decide_status(
        data, attempt.token, honeypot, attempt.comment_settings, ip=attempt.client.ip
    )
    try:
        comment, created = submit_comment(
            attempt.article,
            data,
            token=attempt.token,
            status=status,
            reason=reason,
            client=attempt.client,
        )
    except RateLimited as limited:
        return attempt.ask_to_wait(limited.retry_after)
    return _after_posting(request, comment) if created else _resent(attempt, comment)
