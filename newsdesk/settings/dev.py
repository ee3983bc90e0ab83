"""Settings for working on Newsdesk itself: debug pages on."""

from . import TOOL_APPS
from .base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, *TOOL_APPS]  # noqa: F405

DEBUG = True
# Static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
