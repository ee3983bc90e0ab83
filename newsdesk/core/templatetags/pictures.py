"""``{% picture_of %}``: a picture as one of the named rendition sets of ``core.pictures``."""

from django import template

from newsdesk.core import pictures

register = template.Library()


@register.simple_tag
def picture_of(image, set_name, **attrs):
    """A ``<picture>`` of ``image`` in the set ``set_name``, ``attrs`` on its ``<img>``
    (``sizes`` applies to every source); nothing without a picture.

    ``{% picture_of page.hero_image "column" sizes="100vw" fetchpriority="high" %}``
    """
    if not image:
        return ""
    return pictures.picture(image, set_name, attrs)
