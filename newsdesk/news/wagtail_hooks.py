from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author, Category


class CategoryPermissionPolicy(ModelPermissionPolicy):
    """Nobody may delete Uncategorized: unfiled stories must always have a home."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.is_uncategorized:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "parent"]
    list_filter = ["parent"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]


register_permission_policy(Category, CategoryPermissionPolicy(Category))
register_snippet(CategoryViewSet)
register_snippet(AuthorViewSet)
