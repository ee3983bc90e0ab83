"""The ``newsdesk`` command: this project's ``manage.py``."""

import os
import sys
from pathlib import Path

from newsdesk.settings import TOOL_APPS

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def tool_commands():
    """The names of the tool apps' management commands, read from their folders.

    Read from disk rather than from Django, which cannot list them before it
    knows the settings they decide.
    """
    return {
        path.stem
        for app in TOOL_APPS
        for path in SOURCE_ROOT.joinpath(*app.split("."), "management", "commands").glob("*.py")
        if not path.stem.startswith("_")
    }


def default_settings(argv):
    """The settings module for ``argv`` when DJANGO_SETTINGS_MODULE does not name one.

    Tool commands (and ``help`` about one) get the tools settings; everything
    else, serving above all, the production ones, which leave the tools out.
    """
    words = argv[1:3] if argv[1:2] == ["help"] else argv[1:2]
    if tool_commands().intersection(words):
        return "newsdesk.settings.tools"
    return "newsdesk.settings.production"


def main():
    """Run a management command, defaulting to the production-safe settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings(sys.argv))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
