"""Pre-publish checks: what a story needs before readers see it.

Each check reads a ``Story`` (the story as the editor's form holds it, or as a
scheduled revision does) and yields a ``Problem`` for each fault: the field it
belongs beside and the reason, in words for the editor. How much each problem
matters (blocking, a warning, or off) is the site's ``PublishingChecks`` setting.

The checks run when an editor publishes or schedules (``refuse_publishing_unchecked``
from the story's form, ``warnings_for``), and again when the scheduler publishes
(``held_back``): a scheduled story that fails a blocking check at its time waits,
listed by ``held_stories()`` with its reasons.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)

from .models.checks import BLOCKING, WARNING, HeldStory, PublishingChecks

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story, and where the editor puts it right."""

    #: The ``PublishingChecks`` field saying how much this problem matters.
    check: str
    #: The editor's field it is shown beside.
    field: str
    reason: str
    #: Inside the body: ``(block,)`` for a picture, ``(block, picture)`` in a gallery.
    place: tuple = ()


@dataclass(frozen=True)
class Picture:
    image: object
    decorative: bool
    field: str
    place: tuple = ()


@dataclass(frozen=True)
class Story:
    """What the checks read, whether from the editor's form or from a saved story."""

    headline: str
    standfirst: str
    section: object
    byline_count: int
    pictures: tuple

    @classmethod
    def from_page(cls, page):
        """The story as ``page`` (a saved story, or one rebuilt from a revision) has it."""
        hero = ()
        if page.hero_image is not None:
            hero = (Picture(page.hero_image, page.hero_decorative, "hero_image"),)
        return cls(
            headline=page.title,
            standfirst=page.standfirst,
            section=page.category,
            byline_count=len(page.bylines.all()),
            pictures=(*hero, *body_pictures(page.body)),
        )

    @classmethod
    def from_form(cls, form):
        """The story as the editor typed it into the admin's form, once the form is cleaned."""
        data = form.cleaned_data
        hero = ()
        if data.get("hero_image") is not None:
            hero = (Picture(data["hero_image"], data.get("hero_decorative", False), "hero_image"),)
        bylines = form.formsets["bylines"].forms
        return cls(
            headline=data.get("title", ""),
            standfirst=data.get("standfirst", ""),
            section=data.get("category"),
            # A row with errors of its own is still a byline the editor means to give.
            byline_count=sum(
                1 for row in bylines if not (row.is_valid() and row.cleaned_data.get("DELETE"))
            ),
            pictures=(*hero, *body_pictures(data.get("body") or ())),
        )


def body_pictures(body):
    """Every picture in a story's body, single or in a gallery, with its place there.

    A picture since deleted from the library shows nothing to readers, so it is left out.
    """
    for index, block in enumerate(body):
        if block.block_type == "image":
            found = [((index,), block.value)]
        elif block.block_type == "gallery":
            found = [((index, number), item) for number, item in enumerate(block.value["images"])]
        else:
            continue
        for place, value in found:
            if value["image"] is not None:
                yield Picture(value["image"], value["decorative"], "body", place)


def section_chosen(story, settings):
    if story.section is None:
        yield Problem(
            "section",
            "category",
            _("Choose a section, or Uncategorized if the story belongs in none."),
        )


def bylined(story, settings):
    if not story.byline_count:
        yield Problem(
            "byline", "bylines", _('Add a byline: a reporter, or a credit line such as "Staff".')
        )


def pictures_described(story, settings):
    for picture in story.pictures:
        if picture.decorative or (picture.image.description or "").strip():
            continue
        reason = _(
            'Describe "%(title)s" for readers who cannot see it (its description in the '
            "image library is its alt text), or mark it decorative."
        ) % {"title": picture.image.title}
        yield Problem("alt_text", picture.field, reason, picture.place)


def standfirst_written(story, settings):
    if not story.standfirst.strip():
        yield Problem(
            "standfirst",
            "standfirst",
            _("Write a standfirst: story cards, search results and shared links show it."),
        )


def headline_fits(story, settings):
    limit, length = settings.headline_max_length, len(story.headline)
    if length > limit:
        reason = _("Shorten the headline to %(limit)d characters or fewer: it has %(length)d.")
        yield Problem("headline_length", "title", reason % {"limit": limit, "length": length})


CHECKS = (section_chosen, bylined, pictures_described, standfirst_written, headline_fits)


@dataclass(frozen=True)
class Verdict:
    blocking: list
    warnings: list


def check_story(story, settings):
    """Run every check on ``story``; its problems sorted by the site's ``settings``."""
    blocking, warnings = [], []
    for check in CHECKS:
        for problem in check(story, settings):
            severity = settings.severity(problem.check)
            if severity == BLOCKING:
                blocking.append(problem)
            elif severity == WARNING:
                warnings.append(problem)
    return Verdict(blocking, warnings)


def refuse_publishing_unchecked(form):
    """When the editor publishes or schedules, put each blocking problem beside its field.

    Called from the story's form as it is cleaned, so that Wagtail shows the
    form again with everything the editor typed. Saving a draft checks nothing.
    """
    if not form.data.get("action-publish"):
        return
    settings = PublishingChecks.for_site(form.parent_page.get_site())
    in_body = []
    for problem in check_story(Story.from_form(form), settings).blocking:
        if problem.field in form.errors:
            continue  # the field's own error comes first
        if problem.place:
            in_body.append(problem)
        elif problem.field in form.formsets:
            form.formsets[problem.field].non_form_errors().append(problem.reason)
        else:
            form.add_error(problem.field, problem.reason)
    if in_body:
        form.add_error("body", body_errors(in_body))


def body_errors(problems):
    """The body's error, with each reason beside its picture as Wagtail's stream editor shows it."""
    blocks, galleries = {}, {}
    for problem in problems:
        index, *in_gallery = problem.place
        if in_gallery:
            galleries.setdefault(index, {})[in_gallery[0]] = beside_picture(problem.reason)
        else:
            blocks[index] = beside_picture(problem.reason)
    for index, pictures in galleries.items():
        blocks[index] = StructBlockValidationError(
            block_errors={"images": ListBlockValidationError(block_errors=pictures)}
        )
    return StreamBlockValidationError(block_errors=blocks)


def beside_picture(reason):
    return StructBlockValidationError(block_errors={"image": ValidationError(reason)})


def warnings_for(page):
    """The reasons of the warnings ``page``, about to be published or scheduled, gives."""
    settings = PublishingChecks.for_site(page.get_site())
    return [problem.reason for problem in check_story(Story.from_page(page), settings).warnings]


def held_back(story, revision):
    """Should the scheduler hold ``revision`` of ``story`` back? Records why if so.

    A story is logged once when it is first held (or held for new reasons), not
    at each round of the scheduler that finds it still failing.
    """
    settings = PublishingChecks.for_site(story.get_site())
    blocking = check_story(Story.from_page(revision.as_object()), settings).blocking
    if not blocking:
        return False
    reasons = [problem.reason for problem in blocking]
    held = HeldStory.objects.filter(story=story).first()
    if held is None or (held.revision_id, held.reasons) != (revision.pk, reasons):
        HeldStory.objects.update_or_create(
            story=story,
            defaults={"revision": revision, "reasons": reasons, "held_since": timezone.now()},
        )
        logger.warning("Scheduled story %r held: %s", story.title, " ".join(reasons))
    return True


def release(story):
    """``story`` has been published or scheduled again: it is held no longer."""
    HeldStory.objects.filter(story=story).delete()


def held_stories():
    """Scheduled stories the scheduler held back, the longest overdue first, with reasons."""
    return list(
        HeldStory.objects.filter(revision__approved_go_live_at__isnull=False)
        .select_related("story", "revision")
        .order_by("revision__approved_go_live_at")
    )
