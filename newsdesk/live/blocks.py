"""What a live update's body is made of: short, quick to type, quick to read."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

from newsdesk.core.blocks import (
    TEXT_FEATURES,
    EmbedValue,
    ImageBlock,
    QuoteBlock,
    clean_without_empty_paragraphs,
    is_empty_paragraph,
)

NOTHING_WRITTEN = _("Write the update first: it has no words or picture yet.")


class LinkCardBlock(blocks.StructBlock):
    """A card pointing to a page elsewhere: the address, with a title and a line about it.

    A card, never an embed: the site's content policy loads nothing from other sites.
    """

    url = blocks.URLBlock(label=_("Address"), search_index=False)
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=400)

    class Meta:
        icon = "link"
        label = _("Link card")
        template = "live/blocks/link.html"
        value_class = EmbedValue


class UpdateBodyBlock(blocks.StreamBlock):
    """A live update's body: paragraphs, a picture with caption, a quote, a link card."""

    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES, icon="pilcrow", label=_("Paragraph"))
    image = ImageBlock(label=_("Picture"))
    quote = QuoteBlock(label=_("Quote"))
    link = LinkCardBlock()

    def clean(self, value):
        """Drop empty paragraphs (the desk opens with one ready), then insist on something left.

        An error in a block the reporter filled is still reported on that block.
        """
        if all(is_empty_paragraph(child) for child in value):
            raise StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(NOTHING_WRITTEN)])
            )
        return clean_without_empty_paragraphs(super().clean, value)
