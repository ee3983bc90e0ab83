from django.utils.functional import SimpleLazyObject

from .models import Category


def sections(request):
    """The masthead's section links, fetched only when a template uses them."""
    return {
        "navigation_sections": SimpleLazyObject(
            lambda: list(Category.objects.top_level().exclude(slug=Category.UNCATEGORIZED_SLUG)[:8])
        )
    }
