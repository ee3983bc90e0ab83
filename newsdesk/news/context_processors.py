from django.utils.functional import SimpleLazyObject

from .models.taxonomy import category_tree

NAVIGATION_SECTIONS = 8


def sections(request):
    """The masthead's section links, fetched only when a template uses them."""
    return {
        "navigation_sections": SimpleLazyObject(
            lambda: category_tree(request).navigation(NAVIGATION_SECTIONS)
        )
    }
