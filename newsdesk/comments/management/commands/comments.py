"""``newsdesk comments``: the moderation queue from the command line.

    newsdesk comments list [--status S] [--article ID] [--email ADDRESS] [--search WORDS]
                           [--limit N] [--long]
    newsdesk comments show ID
    newsdesk comments approve|spam|trash|hold|delete ID... | --all-pending

Every change goes through ``newsdesk.comments.moderation``, as in the admin.
"""

import argparse
import sys
import textwrap

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
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
# How a comment that needed no change is described; nothing is ever "already deleted".
ALREADY = {
    "approve": "approved",
    "spam": "marked as spam",
    "trash": "in the trash",
    "hold": "pending",
}
ROW = "{id:>7}  {status:<8}  {posted:<16}  {article_id:>7}  {article:<30}  {name:<20}  {text}"
# --long prints the whole text under each row, wrapped to this width and indented.
LONG_WIDTH = 88
LONG_INDENT = " " * 9
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


def printable(text):
    """``text`` made safe for a terminal.

    Readers typed it, so control characters (escape sequences could rewrite the
    moderator's screen) and invisible formatting (a bidi override could disguise
    a name) become U+FFFD. Line breaks go too: callers split lines first.
    """
    return "".join(char if char.isprintable() else "\ufffd" for char in text)


def clip(text, width):
    """``text`` made safe (see ``printable``) and short for a terminal."""
    return Truncator(printable(text)).chars(width)


def wrapped(text, width=LONG_WIDTH, indent=LONG_INDENT):
    """The whole of ``text``, safe, wrapped and indented; its own line breaks are kept."""
    lines = []
    for line in text.expandtabs(4).splitlines() or [""]:
        lines += textwrap.wrap(
            printable(line),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [indent.rstrip()]
    return lines


def local_time(moment):
    """``moment`` in the site's time zone, to the second, or "-" if there is none."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S %Z") if moment else "-"


def details(comment):
    """``(label, value)`` of every field a moderator may need, for ``show``."""
    status = comment.status
    if comment.moderation_reason:
        status = f"{status} ({comment.moderation_reason})"
    moderated = local_time(comment.moderated_at)
    if comment.moderated_by:
        moderated = f"{moderated} by {comment.moderated_by.get_username()}"
    article = comment.article
    return [
        ("Comment", str(comment.pk)),
        ("Status", status),
        ("Story", f"{article.title} (id {article.pk})"),
        ("Address", comment.get_absolute_url() if article.url else f"#comment-{comment.pk}"),
        ("Reply to", f"comment {comment.parent_id}" if comment.parent_id else "-"),
        ("Name", comment.name),
        ("Email", comment.email or "-"),
        ("Website", comment.website or "-"),
        ("IP address", comment.ip_address or "-"),
        ("Network", comment.client_network or "-"),
        ("User agent", comment.user_agent or "-"),
        ("Posted", local_time(comment.created_at)),
        ("Moderated", moderated),
    ]


def table_row(comment, long=False):
    """One line of the ``list`` table; with ``long``, the text follows on lines of its own."""
    row = ROW.format(
        id=comment.pk,
        status=comment.status,
        posted=timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
        article_id=comment.article_id,
        article=clip(comment.article.title, 30),
        name=clip(comment.name, 20),
        text="" if long else clip(comment.excerpt(words=8), 60),
    )
    return [row.rstrip(), *wrapped(comment.body), ""] if long else [row]


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
            "--email",
            metavar="ADDRESS",
            help="Only comments typed with this email address, however it was cased. "
            "Example: --email rosa@example.com",
        )
        listing.add_argument(
            "--search",
            metavar="WORDS",
            help="Only comments whose text or author's name holds every one of these words. "
            'Example: --search "ferry timetable"',
        )
        listing.add_argument(
            "--limit",
            type=at_least_one,
            default=50,
            metavar="N",
            help="Show at most N comments, 1 or more (50). Example: --limit 200",
        )
        listing.add_argument(
            "--long",
            action="store_true",
            help="Print the whole text of each comment under its row, instead of its opening "
            "words. Example: --status pending --long",
        )
        showing = subcommands.add_parser(
            "show",
            help="Show one comment: its whole text and every field on file.",
            description="Show one comment: its whole text and every field on file. "
            "Example: newsdesk comments show 12",
        )
        showing.add_argument(
            "id", type=record_id, metavar="ID", help="The comment's id (the ID column of list)."
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
            self.list_comments(options)
        elif subcommand == "show":
            self.show(options["id"])
        else:
            self.moderate(subcommand, options["ids"], options["all_pending"])

    def list_comments(self, options):
        """Print the table of comments, newest first, and say how many were left out."""
        comments = self.listed(options)
        limit = options["limit"]
        total = comments.count()
        if not total:
            self.stdout.write("No comments match.")
            return
        self.stdout.write(ROW.format(**HEADINGS))
        for comment in comments[:limit]:
            for line in table_row(comment, long=options["long"]):
                self.stdout.write(line)
        if total > limit:
            self.stdout.write(f"Showing the newest {limit} of {total}; raise --limit to see more.")

    def listed(self, options):
        """The comments ``list``'s options choose, newest first."""
        comments = Comment.objects.select_related("article").order_by("-created_at", "-pk")
        if options["status"]:
            comments = comments.filter(status=options["status"])
        if options["article"] is not None:
            article = ArticlePage.objects.filter(pk=options["article"]).first()
            if article is None:
                raise CommandError(f"No article has id {options['article']}.")
            comments = comments.for_article(article)
        if options["email"] is not None:
            comments = comments.by_email(options["email"])
        for word in (options["search"] or "").split():
            comments = comments.filter(Q(body__icontains=word) | Q(name__icontains=word))
        return comments

    def show(self, pk):
        """Print every field of comment ``pk`` a moderator may need, and its whole text."""
        comment = Comment.objects.select_related("article", "moderated_by").filter(pk=pk).first()
        if comment is None:
            raise CommandError(f"No comment has id {pk}.")
        for label, value in details(comment):
            self.stdout.write(f"{label + ':':<12} {printable(str(value))}")
        self.stdout.write("Text:")
        for line in wrapped(comment.body, indent="    "):
            self.stdout.write(line)

    def moderate(self, action, ids, all_pending):
        """Apply ``action`` (a key of ``moderation.ACTIONS``) and say what changed and what
        was already so."""
        comments = self.chosen(ids, all_pending)
        with progress_bar(comments.count()) as bar:
            outcome = moderation.tally(
                comments,
                action,
                progress=lambda so_far: bar.update(so_far - bar.n),
                leave_already=True,
            )
        self.stdout.write(self.outcome_message(action, ids, outcome))

    def outcome_message(self, action, ids, outcome):
        """The line ``moderate`` prints: how many changed, and how many needed no change."""
        noun = "comment" if outcome.changed == 1 else "comments"
        done = f"{outcome.changed} {noun} {DONE[action]}"
        if not outcome.already:
            return self.style.SUCCESS(f"{done}.")
        already = ALREADY[action]
        if outcome.changed:
            return self.style.SUCCESS(f"{done}; {outcome.already} already {already}.")
        if len(ids) == 1:
            return self.style.WARNING(f"Comment {ids[0]} is already {already}: nothing changed.")
        noun = "comment" if outcome.already == 1 else "comments"
        return self.style.WARNING(f"{outcome.already} {noun} already {already}: nothing changed.")

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
