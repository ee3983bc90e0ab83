"""StreamField blocks shared by every page that has a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=400)
    credit = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Leave blank to use the image's own credit.")
    )

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a story or page: paragraphs, subheadings, quotes and images.

    Lists and links live inside paragraphs so that editors type them naturally.
    """

    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
