"""Settings for the tool commands (``newsdesk demo``, ``bench`` and the benchmarks).

Production settings plus ``TOOL_APPS``. The tools stay out of the serving
process: a server on production settings has none of their commands, templates
or code reachable, so a demo builder or a benchmark can never run, be offered
in ``newsdesk help`` or be loaded there by mistake. ``newsdesk`` picks this
module by itself for those commands when DJANGO_SETTINGS_MODULE is unset.
"""

from . import TOOL_APPS
from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, *TOOL_APPS]  # noqa: F405
