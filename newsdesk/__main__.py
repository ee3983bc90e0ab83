"""The ``newsdesk`` command: this project's ``manage.py``."""

import os
import sys


def main():
    """Run a management command, defaulting to the production-safe settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
