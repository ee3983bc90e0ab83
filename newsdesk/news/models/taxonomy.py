"""How stories are filed: categories (nested) and the people who write them."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class CategoryQuerySet(models.QuerySet):
    def uncategorized(self):
        """The category every unfiled story belongs to.

        Only read: a migration creates it (``news/migrations/0002``) and nothing
        may delete it, so reading a story never writes.
        """
        return self.get(slug=Category.UNCATEGORIZED_SLUG)

    def top_level(self):
        """Categories with no parent, in navigation order: the paper's sections."""
        return self.filter(parent__isnull=True).order_by("sort_order", "name")

    def tree(self):
        """Every category in navigation order, fetched in one query: see ``CategoryTree``."""
        return CategoryTree(self.order_by("sort_order", "name"))


class Category(index.Indexed, models.Model):
    """A section of the paper. Categories nest: "Sport" can hold "Football"."""

    UNCATEGORIZED_SLUG = "uncategorized"

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order in navigation"), default=100, help_text=_("Lower numbers come first.")
    )

    objects = CategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        """Refuse a new address for Uncategorized, and a parent that would make a loop."""
        super().clean()
        errors = {}
        if self._renames_uncategorized():
            errors["slug"] = _(
                "The Uncategorized section's address cannot change: "
                "unfiled stories are filed by it."
            )
        # A loop would leave no top-level category to reach its members from.
        if self.pk and self.parent_id is not None and self.parent_id in self.descendant_ids():
            errors["parent"] = _(
                "A category cannot sit inside itself or inside one of its own subcategories."
            )
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        if self.is_uncategorized:
            raise ProtectedError(
                "The Uncategorized category holds unfiled stories and cannot be deleted.", [self]
            )
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    @property
    def is_uncategorized(self):
        """Is this the category unfiled stories go to? It is known by its slug alone."""
        return self.slug == self.UNCATEGORIZED_SLUG

    def _renames_uncategorized(self):
        if self.pk is None:
            return False
        stored = Category.objects.filter(pk=self.pk, slug=self.UNCATEGORIZED_SLUG)
        return stored.exclude(slug=self.slug).exists()

    def ancestors(self):
        """Return the categories above this one, outermost first."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain[::-1]

    @property
    def root(self):
        """The top-level section this category belongs to: itself, or its outermost parent."""
        chain = self.ancestors()
        return chain[0] if chain else self

    def descendant_ids(self):
        """Return the ids of this category and every category nested below it, in one query."""
        children = _children_by_parent(Category.objects.values_list("pk", "parent_id"))
        return _subtree_ids(self.pk, children)


def _children_by_parent(pairs):
    """Map each parent id to the ids of its direct children, from ``(id, parent_id)`` pairs."""
    children = defaultdict(list)
    for pk, parent_id in pairs:
        children[parent_id].append(pk)
    return children


def _subtree_ids(root_id, children):
    """``root_id`` and every id below it; a loop left in old data cannot make this spin."""
    ids, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [child for pk in frontier for child in children[pk] if child not in ids]
        ids.update(frontier)
    return ids


class CategoryTree:
    """Every category, linked to its parent in memory.

    A paper has dozens of categories, and one page asks for them several times:
    the masthead's sections, a story's section and its top-level one, breadcrumbs,
    each section's subtree on the front page. One query answers all of them, and
    walking up to a parent never queries again.
    """

    def __init__(self, categories):
        self.categories = list(categories)
        self._by_id = {category.pk: category for category in self.categories}
        for category in self.categories:
            if category.parent_id in self._by_id:
                category.parent = self._by_id[category.parent_id]
        self._children = _children_by_parent((c.pk, c.parent_id) for c in self.categories)

    def get(self, pk):
        """The category with id ``pk``, or None."""
        return self._by_id.get(pk)

    def with_slug(self, slug):
        """The category at the address ``slug``, or None."""
        return next((category for category in self.categories if category.slug == slug), None)

    def children_of(self, category):
        """The categories directly inside ``category``, in navigation order."""
        return [child for child in self.categories if child.parent_id == category.pk]

    def descendant_ids(self, category):
        """The ids of ``category`` and every category nested below it."""
        return _subtree_ids(category.pk, self._children)

    def top_level(self):
        """Categories with no parent, in navigation order: the paper's sections."""
        return [category for category in self.categories if category.parent_id is None]

    def navigation(self, limit):
        """The first ``limit`` sections for the masthead; Uncategorized is never one."""
        return [c for c in self.top_level() if not c.is_uncategorized][:limit]

    def in_tree_order(self):
        """Every category, each followed by the categories inside it, in navigation order."""
        ordered, seen = [], set()

        def visit(category):
            # ``seen`` guards against a loop left in old data.
            if category.pk in seen:
                return
            seen.add(category.pk)
            ordered.append(category)
            for child in self.children_of(category):
                visit(child)

        for category in self.top_level():
            visit(category)
        return ordered

    def descendant_ids_by_top_level(self):
        """Map each top-level category, in navigation order, to its id and every id below it."""
        return {top: _subtree_ids(top.pk, self._children) for top in self.top_level()}


def category_tree(request):
    """The ``CategoryTree`` of this request, fetched the first time a page asks for it."""
    if request is None:
        return Category.objects.tree()
    tree = getattr(request, "_newsdesk_category_tree", None)
    if tree is None:
        tree = request._newsdesk_category_tree = Category.objects.tree()
    return tree


def uncategorized_category():
    """``on_delete`` target: stories of a deleted category fall back to Uncategorized."""
    return Category.objects.uncategorized()


class Author(index.Indexed, models.Model):
    """A person with a byline. Their page lists everything they have written."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    role = models.CharField(_("role"), max_length=100, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "core.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("author")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:author", kwargs={"slug": self.slug})
