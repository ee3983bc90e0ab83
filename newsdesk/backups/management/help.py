"""Help text layout shared by ``newsdesk backup`` and ``newsdesk restore``."""

import argparse

from django.core.management.base import DjangoHelpFormatter


class ExampleHelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's help layout, keeping the description's line breaks for the examples."""
