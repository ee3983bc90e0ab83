"""``newsdesk live``: live coverage from the command line, for wire tools and scripts.

    newsdesk live post STORY --text TEXT [--title T] [--key-event] [--pin] [--byline NAME]
    newsdesk live end STORY
    newsdesk live list STORY

STORY is the story's id or its slug. Every change goes through ``newsdesk.live.coverage``,
as on the live desk.
"""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import Truncator

from newsdesk.live import coverage
from newsdesk.live.models import LiveCoverage, LiveUpdate
from newsdesk.news.models import ArticlePage, Author

ROW = "{id:>7}  {time:<16}  {flags:<5}  {words}"
HEADINGS = {"id": "ID", "time": "POSTED", "flags": "FLAGS", "words": "TITLE OR FIRST WORDS"}
FLAGS = "K key event, P pinned, E edited, W withdrawn"


def find_story(name):
    """The story whose id or slug is ``name``; a ``CommandError`` says why there is none."""
    if name.isdigit():
        story = ArticlePage.objects.filter(pk=int(name)).first()
        if story is None:
            raise CommandError(f"No story has id {name}.")
        return story
    stories = list(ArticlePage.objects.filter(slug=name).order_by("pk"))
    if not stories:
        raise CommandError(f"No story has the slug {name!r}.")
    if len(stories) > 1:
        ids = ", ".join(str(story.pk) for story in stories)
        raise CommandError(f"Several stories have the slug {name!r} (ids {ids}): give its id.")
    return stories[0]


def named(story):
    return f"“{printable(story.title)}” (id {story.pk})"


def printable(text):
    """``text`` safe for a terminal: control characters and invisible formatting become U+FFFD."""
    return "".join(char if char.isprintable() else "\ufffd" for char in text)


def flags(update):
    """The FLAGS column: K key event, P pinned, E edited, W withdrawn."""
    marks = [
        ("K", update.key_event),
        ("P", update.pinned),
        ("E", update.is_edited),
        ("W", update.is_withdrawn),
    ]
    return "".join(mark for mark, shown in marks if shown) or "-"


def byline_for(name):
    """``(author, byline)``: the reporter of that name if exactly one, else the name as typed."""
    matches = list(Author.objects.filter(name__iexact=name.strip())[:2])
    return (matches[0], "") if len(matches) == 1 else (None, name.strip())


def refusal(error):
    """A ``ValidationError`` as one line, naming the option at fault: "--title: Ensure…"."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        f"--{field.replace('_', '-')}: {message}" if field != "body" else message
        for field, messages in error.message_dict.items()
        for message in messages
    )


class Command(BaseCommand):
    help = (
        "Post to a live story, end its coverage, or list its updates: the live desk from the "
        "command line. STORY is the story's id or slug. "
        "Run 'newsdesk live SUBCOMMAND --help' for each subcommand's options."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="SUBCOMMAND", title="subcommands"
        )
        posting = subcommands.add_parser(
            "post",
            help="Post an update to a live story.",
            description="Post an update to a live story. Example: newsdesk live post "
            'storm-reaches-the-coast --title "Ferries stop" --text "All crossings halted."',
        )
        posting.add_argument("story", metavar="STORY", help="The story's id or slug.")
        posting.add_argument(
            "--text",
            required=True,
            help="The update's words; a blank line starts a new paragraph. '-' reads them "
            "from standard input.",
        )
        posting.add_argument("--title", default="", help="A short title (optional).")
        posting.add_argument(
            "--key-event", action="store_true", help="List it in the story's key events."
        )
        posting.add_argument("--pin", action="store_true", help="Pin it to the top.")
        posting.add_argument(
            "--byline",
            default="",
            metavar="NAME",
            help="Who readers see wrote it: a reporter's name on file, or any name "
            "(e.g. a wire service).",
        )
        for name, text in [
            ("end", "End a story's live coverage; its updates stay as they are."),
            ("list", f"List a story's updates as readers see them. Flags: {FLAGS}."),
        ]:
            subcommand = subcommands.add_parser(name, help=text, description=text)
            subcommand.add_argument("story", metavar="STORY", help="The story's id or slug.")

    def handle(self, *args, subcommand, story, **options):
        story = find_story(story)
        try:
            if subcommand == "post":
                self.post(story, options)
            elif subcommand == "end":
                self.end(story)
            else:
                self.list_updates(story)
        except coverage.NotLive as error:
            raise CommandError(f"{named(story)} is not live.") from error
        except ValidationError as error:
            raise CommandError(f"{refusal(error)} Nothing was posted.") from error

    def post(self, story, options):
        text = sys.stdin.read() if options["text"] == "-" else options["text"]
        author, byline = byline_for(options["byline"])
        update = coverage.post(
            story,
            text=text,
            title=options["title"],
            key_event=options["key_event"],
            pinned=options["pin"],
            author=author,
            byline=byline,
        )
        when = timezone.localtime(update.posted_at).strftime("%H:%M")
        self.stdout.write(
            self.style.SUCCESS(f"Posted update {update.pk} to {named(story)} at {when}.")
        )

    def end(self, story):
        ended = coverage.end(story)
        when = timezone.localtime(ended.ended_at).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(self.style.SUCCESS(f"Live coverage of {named(story)} ended at {when}."))

    def list_updates(self, story):
        state = LiveCoverage.objects.filter(story=story).first()
        if state is None:
            raise CommandError(f"{named(story)} has never been live.")
        updates = list(LiveUpdate.objects.filter(story=story).for_readers())
        since = timezone.localtime(state.started_at).strftime("%Y-%m-%d %H:%M")
        if state.is_running:
            status = f"live since {since}"
        else:
            status = f"ended {timezone.localtime(state.ended_at).strftime('%Y-%m-%d %H:%M')}"
        self.stdout.write(f"{named(story)}: {status}, {len(updates)} updates.")
        if updates:
            self.stdout.write(ROW.format(**HEADINGS))
        for update in updates:
            row = ROW.format(
                id=update.pk,
                time=timezone.localtime(update.posted_at).strftime("%Y-%m-%d %H:%M"),
                flags=flags(update),
                words=Truncator(printable(update.summary())).chars(60),
            )
            self.stdout.write(row)
