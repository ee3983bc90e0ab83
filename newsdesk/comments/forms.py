"""The "Leave a Reply" form and the rules each field must meet."""

import re
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.core.converters import DATABASE_ID
from newsdesk.news.models import Author

from .models import (
    BODY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    WEBSITE_MAX_LENGTH,
    Comment,
)
from .text import normalised

HONEYPOT_FIELD = "nd_ref"
RESERVED_NAMES = (
    "admin",
    "administrator",
    "editor",
    "editor-in-chief",
    "moderator",
    "newsdesk",
    "staff",
)
# Leading words that turn a role into a title without changing who it claims to be.
TITLE_WORDS = ("the", "a", "an", "our", "your", "site", "chief")

# Letters from other scripts that look like Latin ones, so that "Εditor" with a
# Greek capital epsilon is caught as "editor" (threat H06).
CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеорсхуіјѕΑΒΕΖΗΙΚΜΝΟΡΤΥΧαονρτυχ",
    "ABESIJKMHOPCTXYaeopcxyijsABEZHIKMNOPTYXaovptux",
)


def strip_invisible(text):
    """Drop format characters (bidi overrides, zero-width joiners) a reader can't see."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def refuse_control_characters(text, allowed=""):
    """Raise a form error naming the first control character (NUL, ESC…) in ``text``.

    ``allowed`` lists the ones a field accepts, such as line breaks in a comment.
    Line breaks anywhere else are how headers get injected into mail and logs.
    """
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            raise ValidationError(
                _("Please remove the invisible control character (code %(code)s)."),
                params={"code": f"U+{ord(ch):04X}"},
                code="control_character",
            )


def refuse_unreadable(text):
    """Raise a form error if ``text`` arrived as bytes that are not UTF-8.

    Django decodes a form leniently, putting U+FFFD where bytes made no sense;
    storing that would keep a mangled version of the reader's words without
    telling them.
    """
    if "\ufffd" in text:
        raise ValidationError(
            _(
                "Part of this text could not be read (it was not sent as UTF-8). "
                "Please check the marked characters (�) and retype them."
            ),
            code="unreadable",
        )


class PlainTextMixin:
    """For a form field: refuse unreadable bytes and control characters before other rules.

    Checked first, so a newline in an email address is called a newline rather
    than an invalid address.
    """

    allowed_control_characters = ""

    def to_python(self, value):
        # Before the field's own parsing: urlsplit() silently drops newlines and tabs.
        if isinstance(value, str):
            refuse_unreadable(value)
            refuse_control_characters(value.strip(), allowed=self.allowed_control_characters)
        return super().to_python(value)


class PlainCharField(PlainTextMixin, forms.CharField):
    pass


class PlainEmailField(PlainTextMixin, forms.EmailField):
    pass


class PlainURLField(PlainTextMixin, forms.URLField):
    pass


class CommentTextField(PlainTextMixin, forms.CharField):
    allowed_control_characters = "\r\n\t"


def folded_name(name):
    """``name`` reduced to what it claims: "The  Εditor!" and "editor" both fold to "editor"."""
    words = re.findall(r"\w+", normalised(name.translate(CONFUSABLES)))
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words.pop(0)
    return "-".join(words)


def looks_reserved(name):
    """Does ``name`` pass itself off as the newsroom's staff or a byline?"""
    folded = folded_name(name)
    reserved = {*RESERVED_NAMES, *getattr(settings, "NEWSDESK_COMMENTS_RESERVED_NAMES", ())}
    if folded in reserved:
        return True
    byline_names = {folded_name(author) for author in Author.objects.values_list("name", flat=True)}
    return folded in byline_names


class CommentForm(forms.Form):
    """Exactly the fields a reader may set. Everything else comes from the server."""

    name = PlainCharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Please enter your name.")},
    )
    email = PlainEmailField(
        label=_("Email"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"required": _("Please enter your email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = PlainURLField(
        label=_("Website"),
        max_length=WEBSITE_MAX_LENGTH,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    comment = CommentTextField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        error_messages={"required": _("Please write a comment.")},
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
    )
    reply_to = PlainCharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, max_depth, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.max_depth = max_depth
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_name(self):
        """The name as readers will see it: invisible characters gone, not a newsroom name."""
        name = strip_invisible(self.cleaned_data["name"]).strip()
        if not name:
            raise ValidationError(_("Please enter your name."), code="required")
        if looks_reserved(name):
            raise ValidationError(
                _("This name is reserved for the newsroom. Please use your own name."),
                code="reserved",
            )
        return name

    def clean_email(self):
        """The address with its domain in lower case; the part before the @ is the owner's."""
        email = self.cleaned_data["email"]
        local, _at, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_website(self):
        """A web address the author's name may link to: http or https, with a host."""
        website = self.cleaned_data["website"]
        if website:
            parts = urlsplit(website)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValidationError(
                    _("Enter a web address starting with http:// or https://."), code="scheme"
                )
        return website

    def clean_comment(self):
        """The words with line breaks evened out; control characters other than breaks refused."""
        return comment_text(self.cleaned_data["comment"])

    def clean_reply_to(self):
        """The comment being answered: approved, on this same story, or refused."""
        value = (self.cleaned_data.get("reply_to") or "").strip()
        if not value:
            return None
        cannot = ValidationError(
            _("You can't reply to that comment: it may have been removed."), code="parent"
        )
        if not DATABASE_ID.fullmatch(value):
            raise cannot
        parent = (
            Comment.objects.approved()
            .for_article(self.article)
            .select_related("parent")
            .filter(pk=int(value))
            .first()
        )
        if parent is None:
            raise cannot
        return self.deepest_allowed(parent)

    def deepest_allowed(self, parent):
        """Past the depth limit, a reply joins its target's thread one level up."""
        return deepest_allowed(parent, self.max_depth)


def comment_text(value):
    """A comment's words with line breaks evened out; blank text is refused."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(_("Please write a comment."), code="required")
    return text


def deepest_allowed(parent, max_depth):
    """The comment a reply to ``parent`` hangs under: ``parent``, or the nearest
    ancestor deep enough to take one more level within ``max_depth``."""
    while parent.depth >= max_depth - 1 and parent.parent_id:
        parent = parent.parent
    return parent


class StaffReplyForm(forms.Form):
    """A moderator's reply from the admin: only the words, checked as a reader's are.

    Who wrote it, where it goes and its status come from the server, so the
    readers' guards (rate limit, hidden field, form token) have nothing to check.
    """

    comment = CommentTextField(
        label=_("Reply"),
        max_length=BODY_MAX_LENGTH,
        error_messages={"required": _("Please write a comment.")},
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
    )

    def clean_comment(self):
        """The words with line breaks evened out, as for readers' comments."""
        return comment_text(self.cleaned_data["comment"])


def form_address(article):
    """Where the form on ``article`` is sent.

    The fragment brings a reader whose form comes back refused straight to the
    summary of what to fix, which takes focus even without JavaScript; a
    successful post redirects to its own comment instead.
    """
    return f"{reverse('comments:post', args=[article.pk])}#comment-errors"
