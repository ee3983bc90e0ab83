"""How stories are filed: categories (nested) and the people who write them."""

from django.db import models
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class CategoryQuerySet(models.QuerySet):
    def uncategorized(self):
        """Return the category every unfiled story belongs to, creating it if needed."""
        category, _created = self.get_or_create(
            slug=Category.UNCATEGORIZED_SLUG, defaults={"name": "Uncategorized"}
        )
        return category

    def top_level(self):
        return self.filter(parent__isnull=True).order_by("sort_order", "name")


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
        return self.slug == self.UNCATEGORIZED_SLUG

    def ancestors(self):
        """Return the categories above this one, outermost first."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain[::-1]

    def descendant_ids(self):
        """Return the ids of this category and every category nested below it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                Category.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids


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
