"""Settings for working on Newsdesk itself: debug pages on."""

from .base import *  # noqa: F403

DEBUG = True
# Static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
