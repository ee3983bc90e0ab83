"""The newsroom's admin for categories, authors and corrections, and the story editor's words."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from . import checks_admin  # noqa: F401  (the publishing checks' own hooks)
from .corrections_admin import CorrectionViewSet, add_url
from .models import ArticlePage, Author, Category
from .story_editor import publish_first, story_created, story_touched


class CategoryPermissionPolicy(ModelPermissionPolicy):
    """Nobody may delete Uncategorized: unfiled stories must always have a home."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.is_uncategorized:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class CategoryForm(WagtailAdminModelForm):
    """The category form; Uncategorized shows its address but cannot change it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and self.instance.is_uncategorized:
            # Stories are filed under Uncategorized by its slug, so it stays as it is;
            # Category.clean() refuses the change for anything that is not this form.
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _(
                "Unfiled stories are filed here by this address, so it cannot change."
            )


class CategoryIndexView(IndexView):
    def get_delete_url(self, instance):
        """Link to Delete only where the policy allows deleting this very category.

        Wagtail's listing asks only whether the editor may delete categories at all,
        which would offer a Delete link for Uncategorized too.
        """
        if not self.user_has_permission_for_instance("delete", instance):
            return None
        return super().get_delete_url(instance)


class CategoryDeleteView(DeleteView):
    def user_has_permission(self, permission):
        """Ask the policy about this category, not about categories in general.

        Wagtail checks only the model-wide permission here, which would show a
        confirmation page for Uncategorized and then fail on delete; refused, the
        editor lands on Wagtail's permission-denied message instead.
        """
        return self.user_has_permission_for_instance(permission, self.object)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "parent"]
    list_filter = ["parent"]
    search_fields = ["name"]
    index_view_class = CategoryIndexView
    delete_view_class = CategoryDeleteView
    edit_handler = ObjectList(Category.panels, base_form_class=CategoryForm)


def free_author_slug(name):
    """An author address made from ``name`` that no other author has yet."""
    base = slugify(name, allow_unicode=True)[:90] or "reporter"
    slug, number = base, 1
    while Author.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class ReporterCreationForm(WagtailAdminModelForm):
    """A reporter made in the byline chooser: a name and a job title; the address follows."""

    class Meta:
        model = Author
        fields = ["name", "role"]
        labels = {"role": _("Job title")}

    def save(self, commit=True):
        self.instance.slug = free_author_slug(self.instance.name)
        return super().save(commit)


class ReporterChooserViewSet(SnippetChooserViewSet):
    """The byline's reporter chooser, with a "New reporter" tab for a name not on file yet."""

    creation_form_class = ReporterCreationForm
    creation_tab_label = _("New reporter")
    create_action_label = _("Add reporter")


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]
    chooser_viewset_class = ReporterChooserViewSet


register_permission_policy(Category, CategoryPermissionPolicy(Category))
register_snippet(CategoryViewSet)
register_snippet(AuthorViewSet)

hooks.register("construct_page_action_menu", publish_first)
hooks.register("before_create_page", story_created)
for before_changing_a_page in ("before_edit_page", "before_delete_page", "before_unpublish_page"):
    hooks.register(before_changing_a_page, story_touched)


@hooks.register("insert_editor_js")
def tag_keys():
    """Enter, comma and Tab commit a typed tag even with suggestions open (a file: strict CSP)."""
    return format_html('<script src="{}" defer></script>', static("news/tag_keys.js"))


@hooks.register("register_admin_viewset")
def register_corrections():
    return CorrectionViewSet()


@hooks.register("register_page_header_buttons")
def add_a_correction_button(page, user, view_name, next_url=None):
    """ "Add a correction" in the menu of a story that has gone out, for whoever may add one."""
    if page.specific_class is ArticlePage and page.live and user.has_perm("news.add_correction"):
        yield Button(_("Add a correction"), add_url(page), icon_name="warning", priority=90)


@hooks.register("register_log_actions")
def register_correction_actions(actions):
    actions.register_action(
        "newsdesk.withdraw_correction", _("Withdraw correction"), _("Correction withdrawn")
    )
