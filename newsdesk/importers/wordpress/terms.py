"""Authors, categories and tags: the names every post refers to."""

import csv
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify
from taggit.models import Tag

from newsdesk.news.models import Author, Category

from .parse import ExportError

UNCATEGORIZED = "uncategorized"


@dataclass(frozen=True)
class MappedAuthor:
    slug: str
    name: str = ""
    bio: str = ""


def read_author_map(path):
    """``--author-map``: CSV rows of ``login,slug[,name[,bio]]``; ``#`` starts a comment.

    A slug that is already a Newsdesk author files the login's posts under that
    author; otherwise a new author is made with that slug, name and biography.
    """
    mapped = {}
    try:
        with open(path, newline="", encoding="utf-8") as file:
            for number, row in enumerate(csv.reader(file), start=1):
                if not row or row[0].lstrip().startswith("#"):
                    continue
                if len(row) < 2 or not row[0].strip() or not slugify(row[1], allow_unicode=True):
                    raise ExportError(f"{path}, line {number}: expected login,slug[,name[,bio]]")
                login, slug, *rest = (cell.strip() for cell in row)
                mapped[login] = MappedAuthor(slugify(slug, allow_unicode=True), *rest[:2])
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"{path}: cannot read the author map ({error})") from error
    return mapped


def clean_slug(slug):
    """``slug`` without control and formatting characters.

    Invisible in an address bar, a right-to-left override (U+202E) or a zero-width
    mark in a slug makes an address that reads as one thing and is another.
    """
    return "".join(c for c in slug if unicodedata.category(c) not in {"Cc", "Cf"}).strip("-")


def unique_slug(base, taken, max_length=100):
    """``base``, or ``base-2``, ``base-3``… whichever is not in ``taken``; adds it to ``taken``."""
    base = clean_slug(base)[:max_length] or "item"
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
    taken.add(slug)
    return slug


def import_authors(survey, known, report, author_map):
    """Make an author profile for every login; returns ``{login: author id}``.

    Logins and email addresses stay in the importer's own records, never on the
    public profile. Authors named by posts but never declared get their login as name.
    """
    taken = set(Author.objects.values_list("slug", flat=True))
    logins = {**survey.authors, **dict.fromkeys(sorted(survey.undeclared_authors))}
    ids = {}
    for login, declared in logins.items():
        pk = known.get("author", login)
        if pk is not None and Author.objects.filter(pk=pk).exists():
            ids[login] = pk
            report.count("authors", "unchanged")
            continue
        if declared is None:
            report.warn(f"author {login}", "named by posts but not declared; login used as name")
        ids[login] = _author(login, declared, author_map.get(login), taken, report).pk
        known.remember("author", login, ids[login])
    return ids


def _author(login, declared, mapped, taken, report):
    if mapped and mapped.slug in taken:
        report.count("authors", "unchanged")
        return Author.objects.get(slug=mapped.slug)
    full_name = " ".join(
        filter(None, [getattr(declared, "first_name", ""), getattr(declared, "last_name", "")])
    )
    name = (mapped and mapped.name) or getattr(declared, "display_name", "") or full_name or login
    slug = unique_slug(mapped.slug if mapped else slugify(name, allow_unicode=True), taken)
    report.count("authors", "created")
    return Author.objects.create(name=name[:100], slug=slug, bio=mapped.bio if mapped else "")


def import_categories(survey, known, report):
    """Categories with their hierarchy, slugs and descriptions; returns ``{wp slug: Category}``.

    WordPress's "Uncategorized" becomes Newsdesk's; a category whose slug the site
    already has is filed into, not copied.
    """
    made = {}
    for term in _parents_first(survey.categories):
        made[term.slug] = _category(term, made, known, report)
    return made


def _parents_first(terms):
    ordered, placed = [], set()

    def place(term, seen=()):
        if term.slug in placed or term.slug in seen:
            return
        parent = terms.get(term.parent)
        if parent is not None:
            place(parent, (*seen, term.slug))
        placed.add(term.slug)
        ordered.append(term)

    for term in terms.values():
        place(term)
    return ordered


def _category(term, made, known, report):
    if term.slug == UNCATEGORIZED:
        report.count("categories", "unchanged")
        return Category.objects.uncategorized()
    parent = made.get(term.parent)
    wanted = {
        "name": (term.name or term.slug)[:100],
        "description": term.description,
        "parent": None if parent is None or parent.is_uncategorized else parent,
    }
    pk = known.get("category", term.slug)
    category = Category.objects.filter(pk=pk).first() if pk else None
    if category is None:
        slug = _newsdesk_slug(term)
        category, created = Category.objects.get_or_create(slug=slug, defaults=wanted)
        report.count("categories", "created" if created else "unchanged")
        known.remember("category", term.slug, category.pk)
    elif any(getattr(category, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(category, key, value)
        category.save()
        report.count("categories", "updated")
    else:
        report.count("categories", "unchanged")
    return category


def import_tags(survey, known, report):
    """Tags with their slugs; returns ``{wp slug: Tag}``. An existing tag of that name is reused."""
    made = {}
    for term in survey.tags.values():
        pk = known.get("tag", term.slug)
        tag = Tag.objects.filter(pk=pk).first() if pk else None
        if tag is None:
            name = (term.name or term.slug)[:100]
            slug = _newsdesk_slug(term)
            tag = Tag.objects.filter(slug=slug).first()
            tag = tag or Tag.objects.filter(name__iexact=name).first()
            report.count("tags", "unchanged" if tag else "created")
            tag = tag or Tag.objects.create(name=name, slug=slug)
            known.remember("tag", term.slug, tag.pk)
        else:
            report.count("tags", "unchanged")
        made[term.slug] = tag
    return made


def _newsdesk_slug(term):
    """The term's WordPress slug made safe for an address, else one made from its name."""
    slug = clean_slug(term.slug)
    return (slug or slugify(clean_slug(term.name), allow_unicode=True) or "term")[:100]
