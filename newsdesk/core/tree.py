"""Wagtail pages written many at a time, placed in the page tree as ``add_child`` would.

``add_child`` with a revision and a publish costs tens of milliseconds a page and
re-indexes it on every save: far too slow for thousands of imported or generated
stories. Their tree rows are written in bulk instead, with the path, depth,
``numchild`` and ``url_path`` treebeard and Wagtail would have given them, so the
tree stays valid (``Page.find_problems()`` finds nothing) and ``add_child`` carries
on after them.
"""

from django.db.models import F
from wagtail.models import Page

from .upstream import child_path, position_of


class NewChildren:
    """New children of ``parent``, each placed after the last one it already has.

    Make one inside the transaction that writes the pages: like ``add_child``, it
    locks the parent's row there, so no other writer takes the same positions.
    Either ``write(pages)``, or ``place`` each page, write them yourself and then
    ``count()`` them into the parent.
    """

    def __init__(self, parent):
        self.parent = parent
        Page.objects.select_for_update().filter(pk=parent.pk).values_list("pk").get()
        last = Page.objects.child_of(parent).order_by("-path").only("path").first()
        #: The position the next placed page takes: 1 for a parent with no children yet.
        self.next_position = position_of(last) + 1 if last else 1
        self.uncounted = 0

    def place(self, page):
        """Give the unsaved ``page`` its tree fields at the next free position; returns it."""
        page.path = child_path(self.parent, self.next_position)
        page.depth = self.parent.depth + 1
        page.numchild = 0
        page.set_url_path(self.parent)
        page.locale_id = self.parent.locale_id
        self.next_position += 1
        self.uncounted += 1
        return page

    def count(self):
        """Add the pages placed since the last count to the parent's ``numchild``.

        Call it once they are written.
        """
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.uncounted)
        self.parent.numchild += self.uncounted
        self.uncounted = 0

    def write(self, pages):
        """Place ``pages`` in order and write their tree rows; returns them, saved.

        Only the ``Page`` rows are written: a specific page's own row (an
        article's) is its caller's to write, with the page's id.
        """
        written = Page.objects.bulk_create([self.place(page) for page in pages])
        self.count()
        return written
