"""Receiving a reader's comment."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.news.models import ArticlePage

from .clients import client_ip, client_network
from .forms import HONEYPOT_FIELD, CommentForm
from .guards import is_duplicate, retry_after_seconds
from .models import Comment, CommentSettings
from .posting import comments_are_open, decide_status, submit_comment
from .tokens import read_form_token, remember_comment


@dataclass(frozen=True)
class Client:
    ip: str | None
    network: str
    user_agent: str


def _client(request):
    ip = client_ip(request)
    return Client(
        ip=ip, network=client_network(ip), user_agent=request.headers.get("User-Agent", "")
    )


def _show_form_again(request, article, form, token, status):
    """Re-render the article with the reader's words and the error beside them."""
    keep = request.POST.get("form_token") if token and not token.is_stale() else None
    response = article.serve(request, comment_form=form, comment_form_token=keep)
    response.status_code = status
    return response


def _after_posting(request, comment):
    response = redirect(f"{comment.article.url}#comment-{comment.pk}")
    remember_comment(request, response, comment)
    return response


@require_POST
def post_comment(request, article_id):
    """Validate and store a comment, or show the form again with nothing lost."""
    article = get_object_or_404(ArticlePage.objects.published(), pk=article_id)
    comment_settings = CommentSettings.for_request(request)
    token = read_form_token(request.POST.get("form_token"))
    if token and (earlier := Comment.objects.filter(submission_key=token.key).first()):
        return _after_posting(request, earlier)

    form = CommentForm(request.POST, article=article, max_depth=comment_settings.max_depth)
    if not comments_are_open(article, comment_settings):
        form.add_error(None, _("Comments are closed on this story."))
        return _show_form_again(request, article, form, token, 403)
    if not form.is_valid():
        return _show_form_again(request, article, form, token, 400)
    if token is None or token.is_stale():
        form.add_error(
            None,
            _(
                "This form was open for a long time, so we could not accept it as it was. "
                "Your comment is still below: please check it and send it again."
            ),
        )
        return _show_form_again(request, article, form, None, 400)

    client = _client(request)
    wait = retry_after_seconds(client.network)
    if wait:
        form.add_error(
            None,
            _("You are commenting too quickly. Please wait %(seconds)s seconds and send again.")
            % {"seconds": wait},
        )
        response = _show_form_again(request, article, form, token, 429)
        response["Retry-After"] = str(wait)
        return response
    if is_duplicate(article, form.cleaned_data["email"], form.cleaned_data["comment"]):
        form.add_error("comment", _("You have already posted this comment on this story."))
        return _show_form_again(request, article, form, token, 409)

    status, reason = decide_status(
        form.cleaned_data, token, request.POST.get(HONEYPOT_FIELD, ""), comment_settings
    )
    comment = submit_comment(
        article, form.cleaned_data, token=token, status=status, reason=reason, client=client
    )
    return _after_posting(request, comment)
