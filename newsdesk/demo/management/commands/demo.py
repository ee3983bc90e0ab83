"""``newsdesk demo``: a database with a complete sample newspaper in it."""

import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.test.utils import override_settings
from tqdm import tqdm

from newsdesk.demo import build, desk
from newsdesk.demo.stories import STORIES


class Command(BaseCommand):
    help = (
        "Create the database if needed and fill it with the demo paper: invented stories "
        "with pictures in nested sections, reporters, tags and threaded readers' comments, "
        "plus an admin account whose login is printed at the end. Safe to run again: "
        "what exists is kept, and only missing stories are added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=len(STORIES),
            help="How many stories the paper should have (default: %(default)s).",
        )

    def handle(self, *args, articles, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be 1 or more.")
        try:
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        except DatabaseError as error:
            raise CommandError(f"Cannot prepare the database: {error}") from error
        quiet = verbosity == 0 or not sys.stderr.isatty()
        # Nobody reads the paper while it is built: priming would render two pages a
        # story for no reader. Each publish makes its pictures' renditions itself; the
        # upload thread would only compete with the build for SQLite's one writer.
        with (
            tqdm(total=articles, desc="Stories", unit=" story", disable=quiet) as bar,
            override_settings(NEWSDESK_PAGE_CACHE_PRIMING=False, NEWSDESK_PICTURES_ON_UPLOAD=False),
        ):
            summary = build.build(articles, progress=bar.update)
        login = build.ensure_editor(settings.DATA_DIR)
        self.stdout.write(
            f"Demo paper ready: {summary.stories} stories ({summary.new_stories} new) in "
            f"{summary.sections} sections by {summary.reporters} reporters; "
            f"{summary.comments} new comments."
        )
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.show_login(admin_url, login)
        for username, _name, group in desk.DESK_PEOPLE:
            self.show_login(admin_url, build.ensure_login(username, settings.DATA_DIR), group)

    def show_login(self, admin_url, login, group="admin"):
        if login.password:
            self.stdout.write(
                f"Newsroom ({group}): {admin_url}  username: {login.username}  "
                f"password: {login.password}"
            )
        else:
            self.stdout.write(
                f"Newsroom ({group}): {admin_url}  username: {login.username} (its password is "
                "not the demo's any more: use yours, or set one with "
                f"`newsdesk changepassword {login.username}`)"
            )
