"""StreamField blocks shared by every page that has a body."""

from urllib.parse import urlsplit

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    # The level is layout, not words: indexed, "subheading" would find every story.
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Subheading")), ("h3", _("Minor subheading"))],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class PictureValue(blocks.StructValue):
    def alt_text(self):
        """What a screen reader says for the picture: its description, or nothing if decorative."""
        image = self["image"]  # None once the picture is deleted from the library
        return "" if self["decorative"] or image is None else image.default_alt_text

    def credit_line(self):
        """Who took the picture: the credit typed here, or the picture's own."""
        image = self["image"]
        return self["credit"] or (image.credit if image is not None else "")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=400)
    credit = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Leave blank to use the image's own credit.")
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=_("Only ornament, telling nothing the text does not: screen readers skip it."),
    )

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"
        value_class = PictureValue


class PullQuoteBlock(QuoteBlock):
    """A line lifted from the story itself and set large, apart from quotes of other voices."""

    class Meta:
        icon = "openquote"
        template = "core/blocks/pullquote.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(ImageBlock(), min_num=1)
    caption = blocks.CharBlock(required=False, max_length=400)

    class Meta:
        icon = "image"
        template = "core/blocks/gallery.html"


class EmbedValue(blocks.StructValue):
    def host(self):
        """The site the link leads to, shown on the card."""
        return urlsplit(self["url"]).hostname or self["url"]


class EmbedBlock(blocks.StructBlock):
    """A link card to a video, post or map elsewhere.

    Never a player: the site's content policy loads nothing from other sites.
    """

    # An address is not words a reader searches for.
    url = blocks.URLBlock(search_index=False)
    caption = blocks.CharBlock(required=False, max_length=400)

    class Meta:
        icon = "media"
        template = "core/blocks/embed.html"
        value_class = EmbedValue


class TableValue(blocks.StructValue):
    def head(self):
        """The header row's cells, or None."""
        return self["rows"][0] if self["header"] and self["rows"] else None

    def body(self):
        """The rows below the header."""
        rows = list(self["rows"])
        return rows[1:] if self["header"] else rows


class TableBlock(blocks.StructBlock):
    rows = blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(required=False)))
    header = blocks.BooleanBlock(
        required=False, default=True, help_text=_("The first row names the columns.")
    )
    caption = blocks.CharBlock(required=False, max_length=400)

    class Meta:
        icon = "table"
        template = "core/blocks/table.html"
        value_class = TableValue


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(required=False, max_length=200)
    definition = blocks.TextBlock(required=False)


class DefinitionListBlock(blocks.StructBlock):
    """Terms and what they mean: a glossary, a cast list, the facts of a case."""

    items = blocks.ListBlock(DefinitionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "core/blocks/definitions.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a story or page: paragraphs, subheadings, quotes, pictures and the rest.

    Lists and links live inside paragraphs so that editors type them naturally.
    """

    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    quote = QuoteBlock()
    pullquote = PullQuoteBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock()
    separator = blocks.StaticBlock(
        admin_text=_("A line between parts of the story."),
        icon="horizontalrule",
        template="core/blocks/separator.html",
    )
    table = TableBlock()
    code = blocks.TextBlock(icon="code", template="core/blocks/code.html")
    # Text whose lines and spacing are its meaning: verse, a timetable typed in columns.
    preformatted = blocks.TextBlock(icon="pilcrow", template="core/blocks/preformatted.html")
    definitions = DefinitionListBlock()

    def clean(self, value):
        """Drop empty paragraphs, then check the rest.

        A new story opens with an empty paragraph to type in; one left empty is
        neither an error nor worth keeping. A mistake in a later block is still
        reported on that block, where the editor sees it.
        """
        return clean_without_empty_paragraphs(super().clean, value)


def clean_without_empty_paragraphs(clean, value):
    """A stream block's ``clean`` of ``value`` with its empty paragraphs dropped.

    An error is still reported on the block the editor filled, at its place in
    what they see rather than in the shorter stream that was checked.
    """
    kept = [n for n, child in enumerate(value) if not is_empty_paragraph(child)]
    try:
        return clean([value[n] for n in kept])
    except StreamBlockValidationError as error:
        raise StreamBlockValidationError(
            block_errors={kept[n]: e for n, e in error.block_errors.items()},
            non_block_errors=error.non_block_errors,
        ) from error


def is_empty_paragraph(child):
    """Is this body block a paragraph with no words in it?"""
    if child.block_type != "paragraph":
        return False
    source = getattr(child.value, "source", child.value) or ""
    return not strip_tags(source).replace("&nbsp;", "").strip()
