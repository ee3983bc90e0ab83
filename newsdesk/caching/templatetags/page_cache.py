"""``{% stitched "name" variant %}``: a fragment the page cache keeps apart from the page."""

from django import template

from .. import fragments

register = template.Library()


@register.simple_tag
def stitched(name, variant):
    """Render fragment ``name`` for ``variant`` in place, marked for the page cache."""
    return fragments.wrapped(name, variant)
