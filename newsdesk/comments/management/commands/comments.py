"""``newsdesk comments``: the moderation queue from the command line.

    newsdesk comments list [--status S] [--article ID] [--limit N]
    newsdesk comments approve|spam|trash|hold|delete ID... | --all-pending

Every change goes through ``newsdesk.comments.moderation``, as in the admin.
"""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import Truncator
from tqdm import tqdm

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage

LARGEST_ID = 2**63 - 1
ACTION_HELP = {
    "approve": "Publish comments for every reader.",
    "spam": "Hide comments as spam; they stay on file so patterns can be spotted.",
    "trash": "Hide comments without deleting them, so a mistake can be undone.",
    "hold": "Send comments back to the pending queue.",
    "delete": "Remove comments, and every reply to them, for good.",
}
DONE = {
    "approve": "approved",
    "spam": "marked as spam",
    "trash": "moved to the trash",
    "hold": "sent back to pending",
    "delete": "deleted",
}
ROW = "{id:>7}  {status:<8}  {posted:<16}  {article_id:>7}  {article:<30}  {name:<20}  {text}"
HEADINGS = {
    "id": "ID",
    "status": "STATUS",
    "posted": "POSTED",
    "article_id": "STORY",
    "article": "HEADLINE",
    "name": "NAME",
    "text": "COMMENT",
}


def record_id(value):
    """argparse type for a database id: a whole number that fits the id column."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_ID:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number, 1 or more)")
    return number


def at_least_one(value):
    """argparse type for --limit."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def clip(text, width):
    """``text`` made safe and short for a terminal.

    Readers typed it, so control characters (escape sequences could rewrite the
    moderator's screen) become U+FFFD.
    """
    safe = "".join(char if char.isprintable() else "\ufffd" for char in text)
    return Truncator(safe).chars(width)


def table_row(comment):
    """One line of the ``list`` table."""
    return ROW.format(
        id=comment.pk,
        status=comment.status,
        posted=timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
        article_id=comment.article_id,
        article=clip(comment.article.title, 30),
        name=clip(comment.name, 20),
        text=clip(comment.excerpt(words=8), 60),
    )


def progress_bar(total):
    """A bar on stderr for long work at a terminal; silent for short runs and pipes.

    tqdm writes to ``sys.stderr`` itself: Django's OutputWrapper ends every
    write with a newline, which would break the bar's in-place redraw.
    """
    quiet = total <= moderation.BATCH_SIZE or not sys.stderr.isatty()
    return tqdm(total=total, unit="comment", file=sys.stderr, disable=quiet)


class Command(BaseCommand):
    help = (
        "List and moderate readers' comments: the admin's moderation queue from the command "
        "line. Run 'newsdesk comments SUBCOMMAND --help' for each subcommand's options."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="SUBCOMMAND", title="subcommands"
        )
        listing = subcommands.add_parser(
            "list", help="Show comments, newest first.", description="Show comments, newest first."
        )
        listing.add_argument(
            "--status", choices=Comment.Status.values, help="Only comments in this status."
        )
        listing.add_argument(
            "--article",
            type=record_id,
            metavar="ID",
            help="Only comments on this story (its id: the STORY column).",
        )
        listing.add_argument(
            "--limit", type=at_least_one, default=50, help="Show at most this many (50)."
        )
        for action, help_text in ACTION_HELP.items():
            moderate = subcommands.add_parser(action, help=help_text, description=help_text)
            moderate.add_argument(
                "ids", nargs="*", type=record_id, metavar="ID", help="Ids of the comments."
            )
            moderate.add_argument(
                "--all-pending",
                action="store_true",
                help="Every comment waiting in the pending queue, instead of ids.",
            )

    def handle(self, *args, subcommand, **options):
        if subcommand == "list":
            self.list_comments(options["status"], options["article"], options["limit"])
        else:
            self.moderate(subcommand, options["ids"], options["all_pending"])

    def list_comments(self, status, article_id, limit):
        """Print the table of comments, newest first, and say how many were left out."""
        comments = Comment.objects.select_related("article").order_by("-created_at", "-pk")
        if status:
            comments = comments.filter(status=status)
        if article_id is not None:
            article = ArticlePage.objects.filter(pk=article_id).first()
            if article is None:
                raise CommandError(f"No article has id {article_id}.")
            comments = comments.for_article(article)
        total = comments.count()
        if not total:
            self.stdout.write("No comments match.")
            return
        self.stdout.write(ROW.format(**HEADINGS))
        for comment in comments[:limit]:
            self.stdout.write(table_row(comment))
        if total > limit:
            self.stdout.write(f"Showing the newest {limit} of {total}; raise --limit to see more.")

    def moderate(self, action, ids, all_pending):
        """Apply ``action`` (a key of ``moderation.ACTIONS``) and say how many changed."""
        comments = self.chosen(ids, all_pending)
        if len(ids) == 1:
            moderation.ACTIONS[action](comments.get())
            done = 1
        else:
            with progress_bar(comments.count()) as bar:
                done = moderation.moderate_many(
                    comments, action, progress=lambda so_far: bar.update(so_far - bar.n)
                )
        noun = "comment" if done == 1 else "comments"
        self.stdout.write(self.style.SUCCESS(f"{done} {noun} {DONE[action]}."))

    def chosen(self, ids, all_pending):
        """The comments named on the command line; any unknown id stops the run before a change."""
        if ids and all_pending:
            raise CommandError("Give comment ids or --all-pending, not both.")
        if all_pending:
            return Comment.objects.pending()
        if not ids:
            raise CommandError("Name the comments by id, or use --all-pending.")
        comments = Comment.objects.filter(pk__in=ids)
        missing = sorted(set(ids) - set(comments.values_list("pk", flat=True)))
        if missing:
            listed = ", ".join(map(str, missing))
            if len(missing) == 1:
                raise CommandError(f"No comment has id {listed}; nothing was changed.")
            raise CommandError(f"No comments have ids {listed}; nothing was changed.")
        return comments
