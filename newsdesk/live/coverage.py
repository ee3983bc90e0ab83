"""Starting and ending live coverage, and posting, editing, withdrawing and pinning updates.

The one path for every change to a live story: the live desk, the CLI, the demo
and any script call these. Each writes in a transaction, records who did what in
the story's history (Wagtail's log, so the page's History shows it), and once
committed makes the story's page and update check fresh (``live:<id>``) and
purges them at a CDN. None of them makes a revision of the story or touches its
workflow: the story went through review; its updates are the desk's call.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from newsdesk.news.models import Author

from .cache_tags import coverage_changed
from .models import LiveCoverage, LiveUpdate

EDITABLE = ("title", "body", "key_event", "author", "byline")


class NotLive(ValidationError):
    """The story's coverage is not running: nothing can be posted to it or ended."""


def start(story, user=None):
    """Make ``story`` live (again, if its coverage had ended); returns its coverage.

    Starting a story that is already live changes nothing.
    """
    with transaction.atomic():
        now = timezone.now()
        coverage, created = LiveCoverage.objects.select_for_update().get_or_create(
            story=story, defaults={"started_at": now, "started_by": user}
        )
        if not created and coverage.is_running:
            return coverage
        if not created:
            coverage.ended_at = coverage.ended_by = None
            coverage.save(update_fields=["ended_at", "ended_by"])
        _changed(story, "live.start", user)
    return coverage


def end(story, user=None):
    """End ``story``'s live coverage: its updates stay as they are; returns its coverage."""
    with transaction.atomic():
        coverage = _running_coverage(story)
        coverage.ended_at, coverage.ended_by = timezone.now(), user
        coverage.save(update_fields=["ended_at", "ended_by"])
        _changed(story, "live.end", user)
    return coverage


def post(
    story,
    user=None,
    *,
    text=None,
    body=None,
    title="",
    key_event=False,
    pinned=False,
    author=None,
    byline="",
):
    """Post an update to live ``story``, as of now; returns it.

    ``text`` is plain words (a blank line between paragraphs); ``body`` is the
    StreamField's blocks. The byline is ``author``, else ``byline``, else the
    poster's own reporter profile or name. Raises ``NotLive`` if the coverage is
    not running and ``ValidationError`` for an update with nothing in it.
    """
    with transaction.atomic():
        _running_coverage(story)
        if author is None and not byline and user is not None:
            author = reporter_for(user)
            byline = "" if author else (user.get_full_name() or user.get_username())
        update = LiveUpdate(
            story=story,
            posted_at=timezone.now(),
            posted_by=user,
            author=author,
            byline=byline,
            title=title,
            body=_body(text, body),
            key_event=key_event,
            pinned=pinned,
        )
        update.full_clean(exclude=["story", "posted_by"])
        update.save()
        _changed(story, "live.post", user, update)
    return update


def edit(update, user=None, *, text=None, **fields):
    """Change ``update``'s words, byline or key-event mark ("edited" if its words changed).

    ``fields`` are among title, body, key_event, author and byline; ``text``
    replaces the body with plain words. A withdrawn update cannot be edited.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"edit() cannot change {', '.join(sorted(unknown))}")
    if text is not None:
        fields["body"] = _body(text, None)
    with transaction.atomic():
        update = _locked(update)
        if update.is_withdrawn:
            raise ValidationError(_("This update was withdrawn: it can no longer be edited."))
        before = {"title": update.title, "body": update.body.get_prep_value()}
        for name, value in fields.items():
            setattr(update, name, value)
        if "body" in fields:
            update.body = _body(None, update.body)
        update.full_clean(exclude=["story", "posted_by"])
        if before != {"title": update.title, "body": update.body.get_prep_value()}:
            update.edited_at = timezone.now()
        update.save()
        _changed(update.story, "live.edit", user, update)
    return update


def withdraw(update, user=None):
    """Withdraw ``update``: readers see "This update was withdrawn" where it stood.

    A withdrawn update is no longer pinned nor a key event readers are pointed to.
    Withdrawing one already withdrawn changes nothing.
    """
    with transaction.atomic():
        update = _locked(update)
        if not update.is_withdrawn:
            update.withdrawn_at, update.withdrawn_by = timezone.now(), user
            update.pinned = False
            update.save(update_fields=["withdrawn_at", "withdrawn_by", "pinned"])
            _changed(update.story, "live.withdraw", user, update)
    return update


def pin(update, user=None, pinned=True):
    """Pin ``update`` to the top of the stream (or unpin it, ``pinned=False``)."""
    with transaction.atomic():
        update = _locked(update)
        if update.is_withdrawn and pinned:
            raise ValidationError(_("This update was withdrawn: it cannot be pinned."))
        if update.pinned != pinned:
            update.pinned = pinned
            update.save(update_fields=["pinned"])
            _changed(update.story, "live.pin" if pinned else "live.unpin", user, update)
    return update


def reporter_for(user):
    """The reporter profile whose name is ``user``'s full name, if exactly one is."""
    name = user.get_full_name().strip()
    if not name:
        return None
    matches = list(Author.objects.filter(name__iexact=name)[:2])
    return matches[0] if len(matches) == 1 else None


def paragraphs_of(text):
    """Body blocks from plain words: one paragraph per blank-line-separated part."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [
        ("paragraph", RichText("<p>" + escape(part).replace("\n", "<br>") + "</p>"))
        for part in parts
        if part
    ]


def _body(text, body):
    # Cleaned as the desk's form would: empty paragraphs go, an empty update is refused.
    field = LiveUpdate._meta.get_field("body")
    value = field.to_python(paragraphs_of(text) if text is not None else body or [])
    try:
        return field.stream_block.clean(value)
    except StreamBlockValidationError as error:
        # Said in words a script's author can act on, not "Validation error in StreamBlock".
        raise ValidationError(list(_messages(error.as_json_data()))) from error


def _messages(data):
    if isinstance(data, dict):
        yield from data.get("messages", [])
        for name, nested in data.items():
            if name != "messages":
                yield from _messages(nested)
    elif isinstance(data, list):
        for nested in data:
            yield from _messages(nested)


def _running_coverage(story):
    coverage = LiveCoverage.objects.select_for_update().filter(story=story).first()
    if coverage is None or not coverage.is_running:
        raise NotLive(_("“%(story)s” is not live.") % {"story": story.title}, code="not_live")
    return coverage


def _locked(update):
    return LiveUpdate.objects.select_for_update().select_related("story").get(pk=update.pk)


def _changed(story, action, user, update=None):
    data = {} if update is None else {"update": update.pk, "title": update.summary()}
    log(instance=story, action=action, user=user, data=data)
    coverage_changed(story)
