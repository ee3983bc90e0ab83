"""Pages written in bulk join the tree exactly as ``add_child`` would have put them there."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

from newsdesk.core.models import StandardPage
from newsdesk.core.tree import NewChildren
from newsdesk.core.upstream import child_path

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def front_page():
    return Page.objects.get(depth=2)


def plain_page(slug):
    """A standard page row with no tree fields yet."""
    return Page(
        title=slug.title(),
        draft_title=slug.title(),
        slug=slug,
        content_type=ContentType.objects.get_for_model(StandardPage),
        live=True,
    )


def add_one(parent, slug):
    """A child added the ordinary way, through treebeard."""
    return parent.add_child(instance=StandardPage(title=slug.title(), slug=slug))


def tree_problems():
    """Everything treebeard finds wrong with the page tree, by kind, empty kinds left out."""
    kinds = ("bad characters", "bad step length", "orphans", "wrong depth", "wrong numchild")
    return {kind: ids for kind, ids in zip(kinds, Page.find_problems(), strict=True) if ids}


def children_slugs(parent):
    return list(Page.objects.get(pk=parent.pk).get_children().values_list("slug", flat=True))


def test_written_children_follow_the_existing_ones_in_order_and_the_tree_stays_sound():
    parent = front_page()
    before = children_slugs(parent)

    written = NewChildren(parent).write(plain_page(f"bulk-{n}") for n in range(1, 6))

    assert [page.pk for page in written] == sorted(page.pk for page in written)
    assert children_slugs(parent) == [*before, "bulk-1", "bulk-2", "bulk-3", "bulk-4", "bulk-5"]
    assert tree_problems() == {}
    stored = Page.objects.get(pk=parent.pk)
    assert stored.numchild == len(before) + 5 == parent.numchild
    third = Page.objects.get(pk=written[2].pk)
    assert (third.depth, third.url_path) == (parent.depth + 1, f"{parent.url_path}bulk-3/")
    assert third.get_parent().pk == parent.pk


def test_add_child_carries_on_after_a_bulk_write_and_a_bulk_write_after_it():
    parent = front_page()
    NewChildren(parent).write([plain_page("bulk-a")])
    add_one(front_page(), "ordinary")
    NewChildren(front_page()).write([plain_page("bulk-b")])

    assert children_slugs(parent)[-3:] == ["bulk-a", "ordinary", "bulk-b"]
    assert tree_problems() == {}


def test_a_gap_left_by_a_deleted_child_is_left_alone():
    parent = front_page()
    gone = add_one(parent, "withdrawn")
    last = NewChildren(front_page()).write([plain_page("kept")])[0]
    gone.delete()

    new = NewChildren(front_page()).write([plain_page("new")])[0]

    assert new.path > last.path
    assert children_slugs(parent)[-2:] == ["kept", "new"]
    assert tree_problems() == {}


def test_placing_then_counting_is_the_same_as_writing():
    parent = front_page()
    children = NewChildren(parent)
    rows = [children.place(plain_page(slug)) for slug in ("one", "two")]
    Page.objects.bulk_create(rows)
    children.count()

    assert children_slugs(parent)[-2:] == ["one", "two"]
    assert tree_problems() == {}


def test_a_parent_without_children_gets_a_first_child_where_treebeard_puts_it():
    parent = add_one(front_page(), "empty-section")
    child = NewChildren(parent).write([plain_page("only-child")])[0]

    assert child.path == parent.path + "0001"
    assert tree_problems() == {}


def test_a_full_parent_refuses_more_children_with_treebeards_error():
    parent = front_page()
    last = NewChildren(parent).write([plain_page("last-possible")])[0]
    Page.objects.filter(pk=last.pk).update(path=parent.path + "ZZZZ")

    with pytest.raises(PathOverflow, match="no room for a child at position 1679616"):
        NewChildren(front_page()).place(plain_page("one-too-many"))
    assert child_path(parent, 1679615) == parent.path + "ZZZZ"


def test_the_parent_row_is_locked_while_its_children_are_written():
    parent = front_page()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        NewChildren(parent)
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    # SQLite has no row locks: a writer there holds the whole database until it commits.
    assert len(locks) == (1 if connection.features.has_select_for_update else 0)
