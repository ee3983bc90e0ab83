"""Settings for working on Newsdesk itself: debug pages on."""

from .base import *  # noqa: F403

DEBUG = True
